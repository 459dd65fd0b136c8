/**
 * Turns the evaluator's transitions into history rows (at once, synchronously, so a crash right
 * after cannot lose or repeat them), then announces them in order: the `alert` event and, for
 * notified transitions, the notification channels. Entering firing reads the top processes here,
 * the only place that list is ever read.
 *
 * @example
 * const state = recorder.record(rule, 'cpu.total', step); // instanceId filled in on firing
 * await recorder.idle(); // every announcement made
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import type { AlertEvent, TopProcesses } from '../../../shared/alerts.js';
import type { Logger } from '../log/logger.js';
import type { AlertStore } from './alert-store.js';
import { alertText } from './alert-text.js';
import type { InstanceState, Step, Transition } from './instance-state.js';
import type { NotificationDispatcher } from './notify/notification-dispatcher.js';
import { notificationFor } from './notify/title.js';
import type { ProcessReader } from '../collect/processes/top-processes.js';

export interface AlertRecorderOptions {
  readonly store: AlertStore;
  readonly dispatcher: NotificationDispatcher;
  readonly processes: ProcessReader;
  readonly log: Logger;
  readonly host: string;
  readonly emit: (event: AlertEvent) => void;
}

export class AlertRecorder {
  private chain: Promise<void> = Promise.resolve();
  /** The most extreme reading of each firing instance, written when it changes severity or ends. */
  private readonly peaks = new Map<number, number>();
  /** Read on firing; later notifications of the same instance name the same culprit. */
  private readonly culprits = new Map<number, TopProcesses>();

  constructor(private readonly options: AlertRecorderOptions) {}

  /** Records a step's transitions; returns the state to keep (with the history row's id). */
  record(rule: AlertRule, series: string, step: Step): InstanceState {
    let state = step.state;
    for (const event of step.events) {
      if (event.kind === 'firing') state = { ...state, instanceId: this.open(rule, series, event) };
      const id = state.instanceId;
      if (id !== null && event.kind !== 'pending') this.update(rule, id, event);
      if (event.kind === 'resolved' || event.kind === 'cancelled') state = { ...state, instanceId: null };
      this.announce(rule, series, event, id);
    }
    return state;
  }

  /** Tracks the peak of a firing instance between transitions (no write per tick). */
  notePeak(rule: AlertRule, state: InstanceState): void {
    if (state.phase !== 'firing' || state.instanceId === null || state.value === null) return;
    const peak = this.peaks.get(state.instanceId);
    const lower =
      rule.kind === 'forecast' ||
      (rule.kind === 'threshold' && rule.comparator === 'below') ||
      (rule.kind === 'process' && rule.condition === 'not-running');
    if (peak === undefined || (lower ? state.value < peak : state.value > peak))
      this.peaks.set(state.instanceId, state.value);
  }

  /** Resolves once every announcement queued so far has been made. */
  idle(): Promise<void> {
    return this.chain;
  }

  private open(rule: AlertRule, series: string, event: Transition): number {
    const { store } = this.options;
    const id = store.openInstance({
      ruleId: rule.id,
      ruleName: rule.name,
      series,
      severity: event.severity ?? 'warning',
      since: event.since ?? event.at,
      firedAt: event.at,
      value: finite(event.value),
      threshold: event.threshold,
    });
    if (event.value !== null) this.peaks.set(id, event.value);
    return id;
  }

  private update(rule: AlertRule, id: number, event: Transition): void {
    const { store } = this.options;
    store.addEvent(id, {
      at: event.at,
      kind: event.kind,
      severity: event.severity,
      value: finite(event.value),
      notified: event.notified,
      suppressed: event.suppressed,
    });
    const peak = finite(this.peaks.get(id) ?? null);
    if (event.kind === 'escalated')
      store.updateInstance(id, { severity: 'critical', threshold: event.threshold, peak });
    if (event.kind === 'resolved' || event.kind === 'cancelled') {
      store.updateInstance(id, { state: 'resolved', resolvedAt: event.at, value: finite(event.value), peak });
      this.peaks.delete(id);
    }
  }

  /** Queued so announcements keep the order of transitions even while processes are being read. */
  private announce(rule: AlertRule, series: string, event: Transition, instanceId: number | null): void {
    const { log } = this.options;
    this.chain = this.chain
      .then(async () => {
        if (event.kind === 'firing' && instanceId !== null) await this.captureProcesses(instanceId);
        const processes = instanceId === null ? null : this.culpritOf(instanceId);
        if (instanceId !== null && (event.kind === 'resolved' || event.kind === 'cancelled'))
          this.culprits.delete(instanceId);
        const payload: AlertEvent = {
          kind: event.kind,
          ruleId: rule.id,
          ruleName: rule.name,
          series,
          severity: event.severity,
          value: finite(event.value),
          threshold: event.threshold,
          at: event.at,
          since: event.since,
          heldMs: event.heldMs,
          notified: event.notified,
          suppressed: event.suppressed,
          instanceId,
          topProcesses: processes,
          text: alertText(rule, series, event, processes),
        };
        this.options.emit(payload);
        if (event.notified) this.options.dispatcher.dispatch(notificationFor(payload, this.options.host));
      })
      .catch((error: unknown) => log.error({ err: error, rule: rule.id }, 'announcing an alert failed'));
  }

  /** After a restart the culprit is only in the history row. */
  private culpritOf(instanceId: number): TopProcesses | null {
    const known = this.culprits.get(instanceId) ?? this.options.store.instance(instanceId)?.topProcesses ?? null;
    if (known) this.culprits.set(instanceId, known);
    return known;
  }

  private async captureProcesses(instanceId: number): Promise<void> {
    try {
      const top = await this.options.processes.read();
      this.options.store.updateInstance(instanceId, { topProcesses: top });
      this.culprits.set(instanceId, top);
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not read the process list for an alert');
    }
  }
}

/** Infinity ("never full") is not JSON; it is stored and sent as null. */
function finite(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}
