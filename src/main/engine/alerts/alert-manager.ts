/**
 * Runs the rules: every sample through the pure evaluator, the forecast rules every few minutes
 * over the 1-minute tier, with each instance's state kept in SQLite so a restart (even a kill -9)
 * neither forgets a firing alert nor notifies it twice.
 *
 * @example
 * const alerts = new AlertManager({ store, recorder, log, clock, settings: settings.alerts, staleAfterMs, history });
 * alerts.start();
 * engine.on('sample', (s) => alerts.observe(s));
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import type { AlertSettings } from '../../../shared/alert-settings.js';
import type { AlertInstance, RulesResult, SnoozeResult } from '../../../shared/alerts.js';
import { metricInfo } from '../../../shared/metrics.js';
import type { HistoryResult } from '../../../shared/queries.js';
import type { Sample } from '../../../shared/sample.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import type { AlertRecorder } from './alert-recorder.js';
import type { AlertStore } from './alert-store.js';
import { AlertSuppression } from './alert-suppression.js';
import { evaluate } from './evaluator.js';
import { INITIAL_STATE, type EvalContext, type InstanceState, type Reading } from './instance-state.js';
import { forecastQuery, forecastReadings } from './forecast.js';
import { processRuleValue } from './process-rule-value.js';
import { evaluatedRule, ruleSeries, watchedSeries, watchesEveryEntity } from './rule-model.js';
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';

const FORECAST_EVERY_MS = 5 * 60_000;

export interface AlertManagerOptions {
  readonly store: AlertStore;
  readonly recorder: AlertRecorder;
  readonly log: Logger;
  readonly clock: Clock;
  readonly settings: AlertSettings;
  /** A series unseen this long (per cadence) is gone: its pending alert drops, a firing one resolves. */
  readonly staleAfterMs: () => { hot: number; slow: number; processes?: number };
  readonly history: (query: ReturnType<typeof forecastQuery>) => HistoryResult;
  /** Minutes since local midnight, for quiet hours; injected in tests. */
  readonly minutesOfDay?: (epochMs: number) => number;
}

export class AlertManager {
  private settings: AlertSettings;
  private readonly states = new Map<string, Map<string, InstanceState>>();
  private readonly suppression: AlertSuppression;
  /** The newest sample, and the newest one that carried the slow set (mounts, battery). */
  private latest: Readonly<Record<string, number>> = {};
  private latestSlow: Readonly<Record<string, number>> = {};
  private forecastPending = true;
  private readonly forecastJob: RepeatingJob;

  constructor(private readonly options: AlertManagerOptions) {
    this.settings = options.settings;
    this.suppression = new AlertSuppression(options.store, () => this.settings.quietHours, options.minutesOfDay);
    this.forecastJob = new RepeatingJob(
      'alert-forecast',
      FORECAST_EVERY_MS,
      () => this.runForecasts(options.clock.wall()),
      undefined,
      (error) => options.log.warn({ err: error }, 'disk forecast failed'),
    );
    this.load();
  }

  get rules(): readonly AlertRule[] {
    return this.settings.rules;
  }

  start(): void {
    this.forecastJob.start();
  }

  async stop(): Promise<void> {
    await this.forecastJob.stop();
    await this.options.recorder.idle();
  }

  /** New rules or quiet hours; alerts of removed, disabled or retargeted rules end as `cancelled`. */
  configure(settings: AlertSettings, now = this.options.clock.wall()): void {
    // A rule now watching something else starts afresh: its old alerts are about the old series.
    const kept = new Set(
      settings.rules
        .filter((r) => r.enabled)
        .filter((r) => {
          const before = this.settings.rules.find((o) => o.id === r.id);
          return !before || (before.kind === r.kind && ruleSeries(before) === ruleSeries(r));
        })
        .map((r) => r.id),
    );
    for (const [ruleId, byseries] of this.states) {
      if (kept.has(ruleId)) continue;
      const old = this.settings.rules.find((r) => r.id === ruleId);
      for (const [series, state] of byseries) {
        if (old && state.phase === 'firing' && state.instanceId !== null) {
          const event = {
            kind: 'cancelled',
            severity: state.severity,
            value: state.value,
            threshold: null,
            at: now,
            since: state.since,
            heldMs: 0,
            notified: false,
            suppressed: null,
          } as const;
          this.options.recorder.record(old, series, {
            state: { ...INITIAL_STATE, instanceId: state.instanceId },
            events: [event],
          });
        }
      }
      this.states.delete(ruleId);
      this.options.store.deleteStatesOfRule(ruleId);
    }
    this.settings = settings;
  }

  /** Evaluates every enabled threshold rule against one sample. */
  observe(sample: Sample): void {
    let keys: string[] | undefined;
    this.latest = sample.values;
    // Slow readings (mounts, battery) come every minute or so; keep the last set for forecasts and status.
    if (sample.values['disk.used_pct'] !== undefined) this.latestSlow = sample.values;
    const stale = this.options.staleAfterMs();
    const suppression = this.suppression.at(sample.ts);
    for (const rule of this.settings.rules) {
      if (!rule.enabled || rule.kind !== 'threshold') continue;
      const ctx: EvalContext = {
        suppressed: suppression(rule.id),
        staleAfterMs: isSlow(rule) ? stale.slow : stale.hot,
      };
      let active: boolean | undefined;
      if (rule.when) {
        const guard = sample.values[rule.when.metric];
        active = guard === undefined ? undefined : guard === rule.when.equals;
      }
      const byseries = this.instancesOf(rule, watchesEveryEntity(rule) ? (keys ??= Object.keys(sample.values)) : []);
      for (const [series, state] of byseries) {
        const reading: Reading = { value: sample.values[series], gapBefore: sample.gapBefore === true, active };
        this.step(rule, series, state, reading, sample.ts, ctx, byseries);
      }
    }
    // The first forecast waits for the first reading of the mounts rather than five minutes.
    if (this.forecastPending && sample.values['disk.used_pct'] !== undefined) {
      this.forecastPending = false;
      this.runForecastsSafely(sample.ts);
    }
  }

  /** Evaluates every enabled process rule against one pass over the process table. */
  observeProcesses(snapshot: ProcessSnapshot, gapBefore: boolean): void {
    const suppression = this.suppression.at(snapshot.ts);
    const stale = this.options.staleAfterMs().processes ?? 3 * (snapshot.elapsedMs ?? 30_000);
    for (const rule of this.settings.rules) {
      if (!rule.enabled || rule.kind !== 'process') continue;
      const ctx: EvalContext = { suppressed: suppression(rule.id), staleAfterMs: stale };
      const byseries = this.instancesOf(rule, []);
      const reading: Reading = { value: processRuleValue(rule, snapshot), gapBefore };
      for (const [series, state] of byseries) this.step(rule, series, state, reading, snapshot.ts, ctx, byseries);
    }
  }

  /** Fits the trend of each watched mount and evaluates the forecast rules. */
  runForecasts(now: number): void {
    const suppression = this.suppression.at(now);
    for (const rule of this.settings.rules) {
      if (!rule.enabled || rule.kind !== 'forecast') continue;
      const series = watchedSeries(rule, Object.keys(this.latestSlow));
      const byseries = this.instancesOf(rule, series);
      if (byseries.size === 0) continue;
      const readings = forecastReadings(
        rule,
        this.options.history(forecastQuery(rule, [...byseries.keys()], now)),
        now,
      );
      const ctx: EvalContext = { suppressed: suppression(rule.id), staleAfterMs: 3 * FORECAST_EVERY_MS };
      for (const [key, state] of byseries)
        this.step(rule, key, state, { value: readings.get(key), gapBefore: false }, now, ctx, byseries);
    }
  }

  status(now = this.options.clock.wall()): RulesResult {
    const until = this.suppression.snoozedUntil(now);
    return {
      rules: this.settings.rules.map((rule) => ({
        rule,
        snoozedUntil: until(rule.id),
        instances: [...(this.states.get(rule.id) ?? new Map<string, InstanceState>())].map(([series, s]) => ({
          series,
          phase: s.phase,
          severity: s.severity,
          since: s.since,
          value:
            s.phase === 'ok' || s.value === null
              ? (this.latest[series] ?? this.latestSlow[series] ?? s.value)
              : Number.isFinite(s.value)
                ? s.value
                : null,
        })),
      })),
      allSnoozedUntil: until('all'),
      quietNow: this.suppression.quietAt(now),
    };
  }

  /** Marks a history row seen; a firing instance then stops repeating (escalation still notifies). */
  acknowledge(id: number, now = this.options.clock.wall()): AlertInstance | null {
    const instance = this.options.store.acknowledge(id, now);
    if (!instance) return null;
    const byseries = this.states.get(instance.ruleId);
    const state = byseries?.get(instance.series);
    if (byseries && state && state.instanceId === id)
      this.save(instance.ruleId, instance.series, { ...state, acknowledged: true, owed: false }, byseries, now);
    return instance;
  }

  /** `target` is a rule id or 'all'; `until` null ends the snooze. */
  snooze(target: string, until: number | null, now = this.options.clock.wall()): SnoozeResult {
    return { target, until: this.suppression.snooze(target, until, now) };
  }

  private step(
    rule: AlertRule,
    series: string,
    state: InstanceState,
    reading: Reading,
    now: number,
    ctx: EvalContext,
    byseries: Map<string, InstanceState>,
  ): void {
    const step = evaluate(evaluatedRule(rule), state, reading, now, ctx);
    if (step.events.length > 0) {
      this.save(rule.id, series, this.options.recorder.record(rule, series, step), byseries, now);
    } else if (step.state !== state) {
      byseries.set(series, step.state);
      this.options.recorder.notePeak(rule, step.state);
    }
    // Per-entity series come and go (USB disks, VPN links): forget the quiet ones that left.
    if (
      reading.value === undefined &&
      step.state.phase === 'ok' &&
      watchesEveryEntity(rule) &&
      !this.remembers(rule, step.state, now)
    ) {
      byseries.delete(series);
      this.options.store.deleteState(rule.id, series);
    }
  }

  /** State is written only on transitions: a restart must know what was notified, not every tick. */
  private save(
    ruleId: string,
    series: string,
    state: InstanceState,
    byseries: Map<string, InstanceState>,
    now: number,
  ): void {
    byseries.set(series, state);
    this.options.store.saveState(ruleId, series, state, now);
  }

  private remembers(rule: AlertRule, state: InstanceState, now: number): boolean {
    return state.firingNotifiedAt !== null && now - state.firingNotifiedAt < rule.cooldown;
  }

  private instancesOf(rule: AlertRule, keys: Iterable<string>): Map<string, InstanceState> {
    let byseries = this.states.get(rule.id);
    if (!byseries) this.states.set(rule.id, (byseries = new Map()));
    if (!watchesEveryEntity(rule)) {
      const series = ruleSeries(rule);
      if (!byseries.has(series)) byseries.set(series, INITIAL_STATE);
      return byseries;
    }
    for (const series of watchedSeries(rule, keys)) if (!byseries.has(series)) byseries.set(series, INITIAL_STATE);
    return byseries;
  }

  private runForecastsSafely(now: number): void {
    try {
      this.runForecasts(now);
    } catch (error) {
      this.options.log.warn({ err: error }, 'disk forecast failed');
    }
  }

  /** Restores persisted instance states of the rules this process knows. */
  private load(): void {
    const known = new Set(this.settings.rules.map((r) => r.id));
    const damaged = (row: { ruleId: string; series: string; error: Error }) => {
      this.options.log.warn(
        { rule: row.ruleId, series: row.series, err: row.error },
        'a saved alert state was unreadable; that alert starts afresh',
      );
      this.options.store.deleteState(row.ruleId, row.series);
    };
    for (const row of this.options.store.loadStates(damaged)) {
      // Not deleted: another process (a CLI query with other --config rules) must not erase them.
      if (!known.has(row.ruleId)) continue;
      let byseries = this.states.get(row.ruleId);
      if (!byseries) this.states.set(row.ruleId, (byseries = new Map()));
      byseries.set(row.series, { ...INITIAL_STATE, ...(row.state as Partial<InstanceState>) });
    }
  }
}

const slowRules = new WeakMap<AlertRule, boolean>();

/** Rules on slow metrics see a reading only every slow interval, so they go stale later. */
function isSlow(rule: AlertRule): boolean {
  let slow = slowRules.get(rule);
  if (slow === undefined) slowRules.set(rule, (slow = metricInfo(ruleSeries(rule))?.cadence === 'slow'));
  return slow;
}
