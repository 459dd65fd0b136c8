/**
 * The processes module: process history and the live process list. It passes over the process
 * table at its own cadence (settings `processes`), publishes each pass on the process stream
 * (process alert rules read it) and as the `processes` event, adds passes up into minutes of
 * top apps, rolls them into the store's coarser tiers and keeps them as long as the rest of the
 * history. It serves `topProcesses` and `liveProcesses`.
 *
 * @example
 * await engine.topProcesses({ from: Date.now() - 3_600_000, to: Date.now(), by: 'cpu', limit: 5 });
 */
import type { LiveProcesses, TopProcessesInput, TopProcessesResult } from '../../../shared/processes.js';
import { processInterval } from '../../../shared/process-settings.js';
import type { Settings } from '../../../shared/settings.js';
import { createProcessTable } from '../collect/processes/create-process-table.js';
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import { MINUTE_MS } from '../store/schema.js';
import { AppCatalog } from './app-catalog.js';
import { liveView } from './live-view.js';
import { m0006Processes } from './migration-0006-processes.js';
import { MinuteAccumulator, type MinuteBucket } from './minute-accumulator.js';
import { appsOfPass } from './pass-apps.js';
import { ProcessHistory } from './process-history.js';
import { ProcessRetention } from './process-retention.js';
import { ProcessRollup } from './process-rollup.js';
import { ProcessSampler } from './process-sampler.js';
import { MINUTE_KEEP, processTiers } from './process-tiers.js';
import { writeMinute } from './minute-writer.js';
import { queryTopApps } from './top-apps-query.js';

/** A bucket is rolled up once it ended this long ago (the store's rollup waits as long). */
const ROLLUP_LAG_MS = 3_000;
const HOUR_MS = 3_600_000;

class ProcessesModule {
  private readonly tiers = processTiers();
  private readonly catalog: AppCatalog;
  private readonly history: ProcessHistory;
  private readonly rollup: ProcessRollup;
  private readonly retention: ProcessRetention;
  private readonly sampler: ProcessSampler;
  private readonly minutes = new MinuteAccumulator(MINUTE_KEEP);
  private readonly rollupJob: RepeatingJob;
  private readonly retentionJob: RepeatingJob;
  private live: LiveProcesses | null = null;
  private enabled: boolean;
  private started = false;

  constructor(private readonly services: EngineServices) {
    const { store, clock, log, options, settings } = services;
    const db = store.connection;
    this.catalog = new AppCatalog(db);
    this.history = new ProcessHistory(db);
    this.rollup = new ProcessRollup(this.history, this.tiers);
    this.retention = new ProcessRetention(db, this.history, this.catalog, this.tiers);
    const current = settings.current().processes;
    this.enabled = current.enabled;
    this.sampler = new ProcessSampler({
      table: options.processTable ?? createProcessTable({ clock }),
      clock,
      log,
      intervalMs: processInterval(current, process.platform),
      onPass: (snapshot, gap) => this.accept(snapshot, gap),
    });
    const report = (what: string) => (error: unknown) => log.error({ err: error }, `process history ${what} failed`);
    this.rollupJob = new RepeatingJob(
      'process-rollup',
      MINUTE_MS,
      () => this.rollUp(),
      undefined,
      report('rollup'),
      10_000,
    );
    this.retentionJob = new RepeatingJob(
      'process-retention',
      HOUR_MS,
      () => this.prune(),
      undefined,
      report('retention'),
      8 * MINUTE_MS,
    );
    // Sampling paused: no passes either, and the first one after the pause primes again.
    services.events.on('status', (status) => this.sampler.hold(status.state === 'paused'));
  }

  readonly handlers = {
    topProcesses: async (input: TopProcessesInput): Promise<TopProcessesResult> =>
      queryTopApps(input, {
        history: this.history,
        catalog: this.catalog,
        tiers: this.tiers,
        open: this.minutes.peek(),
      }),
    liveProcesses: async (): Promise<LiveProcesses | null> => this.live,
  };

  start(): void {
    this.started = true;
    this.rollupJob.start();
    this.retentionJob.start();
    if (this.enabled) this.sampler.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([this.sampler.stop(), this.rollupJob.stop(), this.retentionJob.stop()]);
    const open = this.minutes.take();
    if (open) this.write(open);
  }

  configure(settings: Pick<Settings, 'processes'>): void {
    this.enabled = settings.processes.enabled;
    this.sampler.setInterval(processInterval(settings.processes, process.platform));
    if (!this.started) return;
    if (this.enabled && !this.sampler.running) this.sampler.start();
    if (!this.enabled && this.sampler.running) void this.turnOff();
  }

  /** Runs one pass now, outside the schedule (tests, and the bench's warm start). */
  passNow(): Promise<void> {
    return this.sampler.pass();
  }

  private async turnOff(): Promise<void> {
    await this.sampler.stop();
    const open = this.minutes.take();
    if (open) this.write(open);
    this.live = null;
  }

  private accept(snapshot: ProcessSnapshot, gapBefore: boolean): void {
    const apps = appsOfPass(snapshot);
    const done = this.minutes.add(snapshot.ts, snapshot.elapsedMs, snapshot.cores, apps);
    if (done) this.write(done);
    this.services.processes.publish(snapshot, gapBefore);
    // The priming pass has memory but no CPU figures yet: the live view waits for the next.
    if (snapshot.elapsedMs === null) return;
    this.live = liveView(snapshot, apps);
    this.services.events.emit('processes', this.live);
  }

  private write(minute: MinuteBucket): void {
    writeMinute({ history: this.history, catalog: this.catalog, widthMs: this.tiers[0]!.ms }, minute);
  }

  private rollUp(): void {
    const written = this.rollup.run(this.services.clock.wall(), ROLLUP_LAG_MS);
    if (written > 0) this.services.log.debug({ buckets: written }, 'process history rolled up');
  }

  private prune(): void {
    this.rollUp();
    const report = this.retention.apply();
    if (report.buckets + report.commands > 0) this.services.log.info(report, 'process history retention applied');
  }
}

export const processesModule = defineModule({
  name: 'processes',
  methods: ['topProcesses', 'liveProcesses'],
  sections: ['processes'],
  migrations: { '0006_processes': m0006Processes },
  create: (services: EngineServices) => new ProcessesModule(services),
});
