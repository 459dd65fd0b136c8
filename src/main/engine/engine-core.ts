/**
 * The engine's core: collectors → sampler → store → rolling windows, the background jobs, the
 * settings, and the services behind the feature methods (alerts, export, push). `Engine`
 * (engine.ts) adds those methods; together they implement the contract.
 *
 * @example
 * class Engine extends EngineCore { async listRules() { return this.alerts.listRules(); } }
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { ROLLING_KEYS } from '../../shared/metrics.js';
import type { DashlightEvents, EventName, MethodParsedInput } from '../../shared/contract.js';
import type { HistoryResult, ListResult, RollingResult, StatsResult, StatusResult } from '../../shared/queries.js';
import type { Sample } from '../../shared/sample.js';
import { mergeSettings, type Settings } from '../../shared/settings.js';
import { AlertService } from './alerts/alert-service.js';
import { ExportService } from './export/export-service.js';
import { PushService } from './push/push-service.js';
import { createCollectors } from './collect/create-collectors.js';
import type { EngineOptions } from './engine-options.js';
import { holdPowerShell } from './collect/si.js';
import { Maintenance } from './schedule/maintenance.js';
import { Sampler } from './schedule/sampler.js';
import { SelfUsage } from './self-usage.js';
import { SettingsFile } from './settings/settings-file.js';
import { RollingWindows } from './stats/rolling-windows.js';
import { type MetricStore } from './store/metric-store.js';
import { VERSION } from './version.js';

/** The longest rolling window (60 min): what is refilled from disk at start. */
const ROLLING_SPAN_MS = 3_600_000;

export abstract class EngineCore {
  private readonly events = new EventEmitter();
  private readonly rollingWindows = new RollingWindows(ROLLING_KEYS);
  private readonly selfUsage = new SelfUsage();
  private readonly sampler: Sampler;
  private readonly maintenance: Maintenance;
  private readonly settingsFile: Pick<SettingsFile, 'save'>;
  protected readonly alerts: AlertService;
  protected readonly exports: ExportService;
  protected readonly push: PushService;
  private readonly startedAt = Date.now();
  protected settings: Settings;
  private latestSample: Sample | null = null;
  private started = false;
  private releaseShell: () => void = () => {};

  protected constructor(
    protected readonly store: MetricStore,
    protected readonly options: EngineOptions,
  ) {
    this.settings = options.settings;
    this.settingsFile = options.settingsFile ?? new SettingsFile(options.paths.configFile);
    const collectors = options.collectors ?? createCollectors();
    this.sampler = new Sampler({
      hot: collectors.hot,
      slow: collectors.slow,
      intervalMs: this.settings.sampling.interval,
      slowIntervalMs: this.settings.sampling.slowInterval,
      log: options.log,
      clock: options.clock,
      onSample: (sample) => this.accept(sample),
      onGap: (gap) => store.recordGap(gap),
    });
    this.maintenance = new Maintenance({
      store,
      log: options.log,
      settings: this.settings,
      takeSnapshot: () => this.snapshot(),
      afterCommit: () => this.emit('status', this.statusNow()),
    });
    this.alerts = new AlertService({
      db: store.connection,
      settings: this.settings.alerts,
      log: options.log,
      notifiers: options.notifiers,
      processes: options.processes,
      minutesOfDay: options.minutesOfDay,
      history: (query) => store.history(query),
      // Three missed readings: a series that stops being reported is gone, not paused.
      staleAfterMs: () => ({ hot: 3 * this.sampler.interval, slow: 3 * this.sampler.slowInterval }),
      emit: (event) => this.emit('alert', event),
    });
    this.exports = new ExportService({
      store,
      host: hostname(),
      log: options.log,
      settings: this.settings.archive,
      emitProgress: (progress) => this.emit('exportProgress', progress),
      emitDone: (done) => this.emit('exportDone', done),
    });
    this.push = new PushService({ store, settings: this.settings.push, log: options.log, host: hostname() });
    // Emitters throw on an 'error' event nobody listens to; events here are data, never errors.
    this.events.setMaxListeners(50);
  }

  get dbQuarantined(): string | null {
    return this.store.quarantined;
  }

  /** Starts sampling and the background jobs. Throws if a snapshot schedule is invalid. */
  async start(): Promise<void> {
    if (this.started) return;
    this.maintenance.start();
    this.alerts.start();
    this.exports.start();
    this.push.start();
    this.started = true;
    this.refillRolling(Date.now());
    this.releaseShell = await holdPowerShell();
    await this.sampler.start(this.store.latest()?.ts ?? null);
    this.options.log.info(
      { intervalMs: this.sampler.interval, db: this.store.path, nextSnapshot: this.maintenance.nextSnapshot() },
      'sampling started',
    );
  }

  /** Stops sampling, cancels every job, commits what is buffered and closes the database. */
  async stop(): Promise<void> {
    await this.sampler.stop();
    await this.maintenance.stop();
    await this.alerts.stop();
    await this.push.stop();
    await this.exports.stop();
    this.releaseShell();
    this.store.close();
    this.started = false;
    this.options.log.info('engine stopped');
    this.events.removeAllListeners();
  }

  /**
   * The OS says the machine is going to sleep or woke up (Electron's powerMonitor). The time
   * asleep becomes an explicit gap; drift detection remains the fallback where no event comes.
   */
  systemSleep(phase: 'suspend' | 'resume'): void {
    if (phase === 'resume') this.sampler.markGap('sleep');
    this.options.log.info({ phase }, phase === 'suspend' ? 'system going to sleep' : 'system woke up');
  }

  /** PRAGMA integrity_check: 'ok' or the problems found (for `doctor`). */
  integrityCheck(): string {
    return this.store.integrityCheck();
  }

  /** Every series key this database has stored, in the order first seen (for `dashlight metrics`). */
  knownSeries(): string[] {
    return this.store.knownSeries();
  }

  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  async latest(): Promise<Sample | null> {
    return this.latestSample ?? this.store.latest();
  }

  async list(input: MethodParsedInput<'list'>): Promise<ListResult> {
    return this.store.list(input);
  }

  async history(input: MethodParsedInput<'history'>): Promise<HistoryResult> {
    return this.store.history(input);
  }

  async stats(input: MethodParsedInput<'stats'>): Promise<StatsResult> {
    return this.store.stats(input ?? {});
  }

  async rolling(): Promise<RollingResult> {
    return this.rollingWindows.summarize(Date.now());
  }

  /** Seed 000's manual collect: the sample is committed at once, so it is queryable immediately. */
  async sampleNow(): Promise<Sample> {
    const sample = await this.sampler.sampleNow();
    this.store.flush();
    return sample;
  }

  async pause(): Promise<StatusResult> {
    await this.sampler.pause();
    this.store.flush();
    return this.publishStatus();
  }

  async resume(): Promise<StatusResult> {
    if (this.started) await this.sampler.resume();
    return this.publishStatus();
  }

  async status(): Promise<StatusResult> {
    return this.statusNow();
  }

  async getSettings(): Promise<Settings> {
    return this.settings;
  }

  /** Merges, validates (SettingsError names the field), applies live, then persists. */
  async updateSettings(patch: Record<string, unknown>): Promise<Settings> {
    const next = mergeSettings(this.settings, patch);
    // Saved before applied: a save refused (a full disk, no keyring for a token) must leave the
    // engine running what is on disk, not settings that would vanish at the next start.
    await this.settingsFile.save(next);
    this.maintenance.apply(next);
    this.alerts.configure(next.alerts);
    this.exports.configure(next.archive);
    this.push.configure(next.push);
    this.sampler.setIntervals(next.sampling.interval, next.sampling.slowInterval);
    this.options.log.level = next.log.level;
    this.settings = next;
    this.publishStatus();
    return next;
  }

  private accept(sample: Sample): void {
    this.latestSample = sample;
    this.store.append(sample);
    this.rollingWindows.push(sample);
    this.emit('sample', sample);
    this.alerts.observe(sample);
  }

  /** The rolling windows live in memory; after a restart they start from the last hour on disk. */
  private refillRolling(now: number): void {
    const recent = this.store.list({ from: now - ROLLING_SPAN_MS, to: now, page: 1, limit: 5000 });
    for (let i = recent.data.length - 1; i >= 0; i--) this.rollingWindows.push(recent.data[i]!);
  }

  private async snapshot(): Promise<void> {
    if (this.sampler.state !== 'running') {
      this.options.log.info('scheduled snapshot skipped: sampling is paused');
      return;
    }
    await this.sampleNow();
  }

  private statusNow(): StatusResult {
    const info = this.store.info();
    return {
      state: this.sampler.state,
      intervalMs: this.sampler.interval,
      slowIntervalMs: this.sampler.slowInterval,
      lastSampleTs: this.sampler.lastSampleTs ?? this.store.latest()?.ts ?? null,
      startedAt: this.startedAt,
      version: VERSION,
      hostname: hostname(),
      db: {
        path: info.path,
        sizeBytes: info.sizeBytes,
        rows: info.rows,
        gaps: info.gaps,
        quarantined: this.store.quarantined,
      },
      self: this.selfUsage.read(),
    };
  }

  private publishStatus(): StatusResult {
    const status = this.statusNow();
    this.emit('status', status);
    return status;
  }

  protected emit<K extends EventName>(event: K, payload: DashlightEvents[K]): void {
    this.events.emit(event, payload);
  }
}
