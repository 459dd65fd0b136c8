/**
 * The push module: every target of the `push` settings section, each with its own pusher, cursor
 * and outbox rows, behind the contract's push methods.
 *
 * @example
 * await engine.pushNow({ target: 'vm' }); // { targets: [{ name: 'vm', pending: 0, … }] }
 */
import type { MethodParsedInput } from '../../../shared/contract.js';
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { m0003Outbox } from './migration-0003-outbox.js';
import { m0004PushRetry } from './migration-0004-push-retry.js';
import { PushService } from './push-service.js';

class PushModule {
  private readonly push: PushService;

  constructor({ store, settings, secrets, log, clock, host }: EngineServices) {
    this.push = new PushService({ store, settings: settings.current().push, secrets, log, clock, host });
  }

  readonly handlers = {
    pushStatus: async () => this.push.status(),
    pushNow: (input: MethodParsedInput<'pushNow'>) => this.push.pushNow(input?.target),
    pausePush: async ({ target }: MethodParsedInput<'pausePush'>) => this.push.setPaused(target, true),
    resumePush: async ({ target }: MethodParsedInput<'resumePush'>) => this.push.setPaused(target, false),
    testTarget: (config: MethodParsedInput<'testTarget'>) => this.push.testTarget(config),
    pushDeadLetters: async ({ target, limit }: MethodParsedInput<'pushDeadLetters'>) =>
      this.push.deadLetters(target, limit),
  };

  start(): void {
    this.push.start();
  }

  stop(): Promise<void> {
    return this.push.stop();
  }

  configure(settings: Pick<Settings, 'push'>): void {
    this.push.configure(settings.push);
  }
}

export const pushModule = defineModule({
  name: 'push',
  methods: ['pushStatus', 'pushNow', 'pausePush', 'resumePush', 'testTarget', 'pushDeadLetters'],
  sections: ['push'],
  migrations: { '0003_export_push': m0003Outbox, '0004_push_retry': m0004PushRetry },
  create: (services: EngineServices) => new PushModule(services),
});
