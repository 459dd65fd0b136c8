/**
 * The alert side of the engine, assembled: the store, the notification channels (log always,
 * webhook when configured, plus any the host adds, such as desktop notifications), the recorder
 * and the manager, behind the contract's alert methods.
 *
 * @example
 * const alerts = new AlertService({ db: store.connection, settings, log, clock, history, staleAfterMs, emit });
 * alerts.addNotifier(desktopNotifier); // the Electron shell does this
 * alerts.observe(sample);
 */
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import type { AlertSettings } from '../../../shared/alert-settings.js';
import type {
  AlertEvent,
  AlertHistoryResult,
  AlertInstance,
  RuleTestResult,
  RulesResult,
  SnoozeResult,
} from '../../../shared/alerts.js';
import { NotFoundError, type MethodParsedInput } from '../../../shared/contract.js';
import type { Sample } from '../../../shared/sample.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { AlertManager, type AlertManagerOptions } from './alert-manager.js';
import { AlertRecorder } from './alert-recorder.js';
import { AlertStore } from './alert-store.js';
import { alertText } from './alert-text.js';
import { LogNotifier } from './notify/log-notifier.js';
import { NotificationDispatcher } from './notify/notification-dispatcher.js';
import type { Notifier } from './notify/notifier.js';
import { notificationFor } from './notify/title.js';
import { evaluatedRule, ruleSeries } from './rule-model.js';
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';
import { WebhookNotifier } from './notify/webhook-notifier.js';
import type { SecretCodec } from '../settings/secret-codec.js';
import { createProcessReader, type ProcessReader } from '../collect/processes/top-processes.js';

/** Resolved alerts are kept this long in the history. */
const HISTORY_DAYS = 400;
const DAY = 86_400_000;

export interface AlertServiceOptions {
  readonly db: Database.Database;
  readonly settings: AlertSettings;
  readonly log: Logger;
  readonly clock: Clock;
  readonly history: AlertManagerOptions['history'];
  readonly staleAfterMs: AlertManagerOptions['staleAfterMs'];
  readonly emit: (event: AlertEvent) => void;
  readonly notifiers?: readonly Notifier[];
  readonly processes?: ProcessReader;
  readonly minutesOfDay?: (epochMs: number) => number;
  readonly host?: string;
  /** Opens the webhook's token; the headless codec by default. */
  readonly secrets?: SecretCodec;
}

export class AlertService {
  private readonly store: AlertStore;
  private readonly dispatcher: NotificationDispatcher;
  private readonly manager: AlertManager;
  private readonly recorder: AlertRecorder;
  private readonly host: string;
  private webhookKey = '';

  constructor(private readonly options: AlertServiceOptions) {
    this.host = options.host ?? hostname();
    this.store = new AlertStore(options.db);
    this.dispatcher = new NotificationDispatcher({ log: options.log });
    this.dispatcher.add(new LogNotifier(options.log));
    for (const notifier of options.notifiers ?? []) this.dispatcher.add(notifier);
    this.applyWebhook(options.settings);
    this.recorder = new AlertRecorder({
      store: this.store,
      dispatcher: this.dispatcher,
      processes: options.processes ?? createProcessReader({ clock: options.clock }),
      log: options.log,
      host: this.host,
      emit: options.emit,
    });
    this.manager = new AlertManager({
      store: this.store,
      recorder: this.recorder,
      log: options.log,
      clock: options.clock,
      settings: options.settings,
      staleAfterMs: options.staleAfterMs,
      history: options.history,
      minutesOfDay: options.minutesOfDay,
    });
  }

  start(now = this.options.clock.wall()): void {
    const pruned = this.store.prune(now - HISTORY_DAYS * DAY);
    if (pruned > 0) this.options.log.info({ pruned }, 'old resolved alerts removed from the history');
    this.manager.start();
  }

  async stop(): Promise<void> {
    await this.manager.stop();
    await this.dispatcher.close();
  }

  /** A channel added by the host (the desktop shell's notifications). */
  addNotifier(notifier: Notifier): void {
    this.dispatcher.add(notifier);
  }

  /** Never throws: a broken rule must not stop sampling. */
  observe(sample: Sample): void {
    try {
      this.manager.observe(sample);
    } catch (error) {
      this.options.log.error({ err: error }, 'alert evaluation failed for this sample');
    }
  }

  /** Never throws, like observe. */
  observeProcesses(snapshot: ProcessSnapshot, gapBefore: boolean): void {
    try {
      this.manager.observeProcesses(snapshot, gapBefore);
    } catch (error) {
      this.options.log.error({ err: error }, 'process rule evaluation failed for this pass');
    }
  }

  configure(settings: AlertSettings): void {
    this.manager.configure(settings);
    this.applyWebhook(settings);
  }

  listRules(): RulesResult {
    return this.manager.status();
  }

  async testRule(id: string): Promise<RuleTestResult> {
    const rule = this.manager.rules.find((r) => r.id === id);
    if (!rule) throw new NotFoundError(`no alert rule "${id}": see \`dashlight alerts list\` for the rule ids`);
    const now = this.options.clock.wall();
    const model = evaluatedRule(rule);
    const severity =
      rule.kind === 'forecast' || (rule.kind === 'process' && rule.condition === 'not-running')
        ? rule.severity
        : model.critical !== null
          ? 'critical'
          : 'warning';
    const threshold = rule.kind === 'forecast' ? rule.within / 3_600_000 : (model.critical ?? model.warning);
    const series = ruleSeries(rule);
    const transition = {
      kind: 'firing',
      severity,
      value: threshold,
      threshold,
      at: now,
      since: now,
      heldMs: 0,
      notified: true,
      suppressed: null,
    } as const;
    const event: AlertEvent = {
      ...transition,
      ruleId: rule.id,
      ruleName: rule.name,
      series,
      instanceId: null,
      topProcesses: null,
      text: `Test notification from Dashlight. ${alertText(rule, series, transition, null)}`,
    };
    const channels = await this.dispatcher.test(notificationFor(event, this.host, true));
    return { ruleId: id, channels };
  }

  history(query: MethodParsedInput<'alertHistory'>): AlertHistoryResult {
    return this.store.history(query);
  }

  acknowledge(id: number): AlertInstance {
    const instance = this.manager.acknowledge(id);
    if (!instance) throw new NotFoundError(`no alert with id ${id}: see \`dashlight alerts history\` for the ids`);
    return instance;
  }

  snooze(target: string, until: number | null): SnoozeResult {
    if (target !== 'all' && !this.manager.rules.some((r) => r.id === target)) {
      throw new NotFoundError(
        `no alert rule "${target}": see \`dashlight alerts list\` for the rule ids, or use "all"`,
      );
    }
    return this.manager.snooze(target, until);
  }

  /** Waits until every alert announced so far has been handed to the channels (tests, shutdown). */
  idle(): Promise<void> {
    return this.recorder.idle();
  }

  private applyWebhook(settings: AlertSettings): void {
    const hook = settings.webhook;
    const key = hook && hook.enabled ? JSON.stringify(hook) : '';
    if (key === this.webhookKey) return;
    this.webhookKey = key;
    this.dispatcher.remove('webhook');
    if (hook && hook.enabled)
      this.dispatcher.add(new WebhookNotifier(hook, { log: this.options.log, secrets: this.options.secrets }));
  }
}
