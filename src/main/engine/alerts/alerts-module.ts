/**
 * The alerts module: reads the sample stream through the rules, records and notifies alerts, and
 * serves the contract's alert methods. Rules live in the `alerts` settings section, so saving or
 * deleting one goes through the settings service like any other change.
 *
 * @example
 * engine.addNotifier(desktopNotifier); // the desktop shell's channel, beside log and webhook
 * await engine.saveRule({ name: 'Hot', metric: 'cpu.total', comparator: 'above', critical: 95 });
 */
import { parseRule, type AlertRule } from '../../../shared/alert-rules.js';
import type { AlertInstance, SnoozeResult } from '../../../shared/alerts.js';
import type { MethodParsedInput } from '../../../shared/contract.js';
import { processInterval } from '../../../shared/process-settings.js';
import { SettingsError, type Settings } from '../../../shared/settings.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { AlertService } from './alert-service.js';
import { m0002Alerts } from './migration-0002-alerts.js';
import type { Notifier } from './notify/notifier.js';
import { withoutRule, withRule } from './rule-list.js';

class AlertsModule {
  private readonly alerts: AlertService;

  constructor(private readonly services: EngineServices) {
    const { store, log, clock, options, settings, events } = services;
    this.alerts = new AlertService({
      db: store.connection,
      settings: settings.current().alerts,
      log,
      clock,
      host: services.host,
      secrets: services.secrets,
      notifiers: options.notifiers,
      processes: options.processes,
      minutesOfDay: options.minutesOfDay,
      history: (query) => store.history(query),
      // Three missed readings: a series that stops being reported is gone, not paused.
      staleAfterMs: () => {
        const { interval, slowInterval } = settings.current().sampling;
        const processes = processInterval(settings.current().processes, process.platform);
        return { hot: 3 * interval, slow: 3 * slowInterval, processes: 3 * processes };
      },
      emit: (event) => events.emit('alert', event),
    });
    services.samples.subscribe('alerts', (sample) => this.alerts.observe(sample));
    services.processes.subscribe('alerts', (snapshot, gap) => this.alerts.observeProcesses(snapshot, gap));
  }

  readonly handlers = {
    listRules: async () => this.alerts.listRules(),
    /** Rules live in the settings: saving one validates and persists the settings as a whole. */
    saveRule: async (input: MethodParsedInput<'saveRule'>): Promise<AlertRule> => {
      const rule = parseRule(input);
      const saved = await this.services.settings.update({
        alerts: { rules: withRule(this.services.settings.current().alerts.rules, rule) },
      });
      return saved.alerts.rules.find((r) => r.id === rule.id)!;
    },
    deleteRule: async ({ id }: MethodParsedInput<'deleteRule'>): Promise<{ deleted: string }> => {
      await this.services.settings.update({
        alerts: { rules: withoutRule(this.services.settings.current().alerts.rules, id) },
      });
      return { deleted: id };
    },
    testRule: ({ id }: MethodParsedInput<'testRule'>) => this.alerts.testRule(id),
    alertHistory: async (input: MethodParsedInput<'alertHistory'>) => this.alerts.history(input),
    acknowledge: async ({ id }: MethodParsedInput<'acknowledge'>): Promise<AlertInstance> =>
      this.alerts.acknowledge(id),
    snooze: async ({ target, until }: MethodParsedInput<'snooze'>): Promise<SnoozeResult> =>
      this.alerts.snooze(target, until),
  };

  start(): void {
    this.alerts.start();
  }

  stop(): Promise<void> {
    return this.alerts.stop();
  }

  /** Process rules read the process table: with process sampling off they would never be evaluated. */
  check(settings: Pick<Settings, 'alerts' | 'processes'>): void {
    if (settings.processes.enabled) return;
    const index = settings.alerts.rules.findIndex((rule) => rule.kind === 'process' && rule.enabled);
    if (index < 0) return;
    const message = `alerts.rules.${index}: rule "${settings.alerts.rules[index]!.id}" watches processes, but process sampling is off: set processes.enabled to true, or disable the rule`;
    throw new SettingsError(`invalid settings: ${message}`, [
      { path: `alerts.rules.${index}`, message: 'watches processes, but process sampling is off' },
    ]);
  }

  configure(settings: Pick<Settings, 'alerts'>): void {
    this.alerts.configure(settings.alerts);
  }

  /** A channel added by the host, e.g. the desktop shell's notifications. */
  addNotifier(notifier: Notifier): void {
    this.alerts.addNotifier(notifier);
  }

  /** Resolves once every alert so far has been recorded, announced and handed to the channels. */
  idle(): Promise<void> {
    return this.alerts.idle();
  }
}

export const alertsModule = defineModule({
  name: 'alerts',
  methods: ['listRules', 'saveRule', 'deleteRule', 'testRule', 'alertHistory', 'acknowledge', 'snooze'],
  sections: ['alerts', 'processes'],
  migrations: { '0002_alerts': m0002Alerts },
  create: (services: EngineServices) => new AlertsModule(services),
});
