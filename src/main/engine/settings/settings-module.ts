/**
 * The settings module: serves `getSettings` and `updateSettings` over the settings service, and
 * applies the `log` section (the level) live. Both answer with secrets as markers
 * (`{ set: true, last4 }`, see src/shared/secrets.ts): no interface ever reads a secret back.
 *
 * @example
 * await engine.updateSettings({ log: { level: 'debug' } }); // the log is at debug from now on
 * (await engine.getSettings()).push.targets[0].auth // { type: 'bearer', token: { set: true, last4: '9f2c' } }
 */
import type { Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';

export const settingsModule = defineModule({
  name: 'settings',
  methods: ['getSettings', 'updateSettings'],
  sections: ['log'],
  migrations: {},
  create: ({ settings, secrets, log }: EngineServices) => ({
    handlers: {
      getSettings: async () => secrets.redact(settings.current()),
      updateSettings: async (patch: Record<string, unknown>) => secrets.redact(await settings.update(patch)),
    },
    configure: (next: Pick<Settings, 'log'>) => {
      log.level = next.log.level;
    },
  }),
});
