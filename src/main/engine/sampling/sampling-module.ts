/**
 * The sampling module: collectors → sampler → store, and the store's background jobs (commits,
 * rollups, retention, the cron snapshots). It takes every sample, appends it to the store and
 * publishes it on the sample stream, and serves `sampleNow`, `pause`, `resume` and `status`.
 *
 * @example
 * await engine.pause(); // { state: 'paused', … }, and a 'status' event
 */
import type { Sample } from '../../../shared/sample.js';
import type { EntityOverflow, StatusResult } from '../../../shared/queries.js';
import type { Settings } from '../../../shared/settings.js';
import { holdPowerShell } from '../collect/si.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { VERSION } from '../version.js';
import { EntityCap } from './entity-cap.js';
import { Maintenance } from './maintenance.js';
import { Sampler } from './sampler.js';
import { SelfUsage } from './self-usage.js';
import { WriteHealth } from './write-health.js';

type Sections = Pick<Settings, 'sampling' | 'storage'>;

export class SamplingModule {
  private readonly sampler: Sampler;
  private readonly maintenance: Maintenance;
  private readonly selfUsage = new SelfUsage();
  private readonly writeHealth: WriteHealth;
  private readonly startedAt: number;
  private readonly cap: EntityCap;
  /** The cap's overflow version last saved to the database. */
  private savedOverflow = 0;
  private started = false;
  private releaseShell: () => void = () => {};

  constructor(private readonly services: EngineServices) {
    const { store, log, clock, settings, collectors } = services;
    this.startedAt = clock.wall();
    this.writeHealth = new WriteHealth(store, clock);
    this.cap = new EntityCap(
      store.knownSeries(),
      settings.current().storage.maxEntitiesPerMetric,
      savedOverflow(store),
    );
    this.sampler = new Sampler({
      hot: collectors.hot,
      slow: collectors.slow,
      intervalMs: settings.current().sampling.interval,
      slowIntervalMs: settings.current().sampling.slowInterval,
      log,
      clock,
      onSample: (sample) => this.accept(sample),
      onGap: (gap) => store.recordGap(gap),
    });
    this.maintenance = new Maintenance({
      store,
      log,
      clock,
      settings: settings.current(),
      takeSnapshot: () => this.snapshot(),
      afterCommit: () => {
        this.writeHealth.afterCommit();
        this.saveOverflow();
        services.events.emit('status', this.statusNow());
      },
    });
  }

  readonly handlers = {
    /** A manual sample is committed at once, so it is queryable immediately. */
    sampleNow: async (): Promise<Sample> => {
      const sample = await this.sampler.sampleNow();
      try {
        this.services.store.flush();
      } finally {
        this.writeHealth.afterCommit();
      }
      return sample;
    },
    pause: async (): Promise<StatusResult> => {
      await this.sampler.pause();
      this.services.store.flush();
      return this.publishStatus();
    },
    resume: async (): Promise<StatusResult> => {
      if (this.started) await this.sampler.resume();
      return this.publishStatus();
    },
    status: async (): Promise<StatusResult> => this.statusNow(),
  };

  /** A snapshot schedule node-schedule cannot arm is refused, naming the setting. */
  check(settings: Sections): void {
    this.maintenance.check(settings);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.maintenance.start();
    this.started = true;
    this.releaseShell = await holdPowerShell();
    await this.sampler.start(this.services.store.latest()?.ts ?? null);
    this.services.log.info(
      {
        intervalMs: this.sampler.interval,
        db: this.services.store.path,
        nextSnapshot: this.maintenance.nextSnapshot(),
      },
      'sampling started',
    );
  }

  async stop(): Promise<void> {
    await this.sampler.stop();
    await this.maintenance.stop();
    this.releaseShell();
    this.started = false;
  }

  configure(settings: Sections): void {
    this.cap.setLimit(settings.storage.maxEntitiesPerMetric);
    this.maintenance.apply(settings);
    this.sampler.setIntervals(settings.sampling.interval, settings.sampling.slowInterval);
    this.publishStatus();
  }

  /**
   * The OS says the machine is going to sleep or woke up (Electron's powerMonitor). The time
   * asleep becomes an explicit gap; drift detection remains the fallback where no event comes.
   */
  systemSleep(phase: 'suspend' | 'resume'): void {
    if (phase === 'resume') this.sampler.markGap('sleep');
    this.services.log.info({ phase }, phase === 'suspend' ? 'system going to sleep' : 'system woke up');
  }

  private accept(taken: Sample): void {
    const values = this.cap.apply(taken.values, taken.ts);
    const sample = values === taken.values ? taken : { ...taken, values };
    this.services.store.append(sample);
    this.services.samples.publish(sample);
    this.services.events.emit('sample', sample);
  }

  private async snapshot(): Promise<void> {
    if (this.sampler.state !== 'running') {
      this.services.log.info('scheduled snapshot skipped: sampling is paused');
      return;
    }
    await this.handlers.sampleNow();
  }

  private statusNow(): StatusResult {
    const { store, host } = this.services;
    const info = store.info();
    return {
      state: this.sampler.state,
      intervalMs: this.sampler.interval,
      slowIntervalMs: this.sampler.slowInterval,
      lastSampleTs: this.sampler.lastSampleTs ?? store.latest()?.ts ?? null,
      startedAt: this.startedAt,
      version: VERSION,
      hostname: host,
      db: {
        path: info.path,
        sizeBytes: info.sizeBytes,
        rows: info.rows,
        gaps: info.gaps,
        quarantined: store.quarantined,
      },
      self: this.selfUsage.read(),
      writeProblem: this.writeHealth.problem(this.sampler.interval),
      entities: { limit: this.cap.max, overflow: this.cap.overflow() },
    };
  }

  /** Keeps the overflow across restarts, for `doctor` (another process) and the next start. */
  private saveOverflow(): void {
    if (this.cap.version === this.savedOverflow) return;
    try {
      this.services.store.writeMeta(OVERFLOW_KEY, JSON.stringify(this.cap.overflow()));
      this.savedOverflow = this.cap.version;
    } catch (error) {
      this.services.log.warn({ err: error }, 'could not save the count of entities past the cap; it is kept in memory');
    }
  }

  private publishStatus(): StatusResult {
    const status = this.statusNow();
    this.services.events.emit('status', status);
    return status;
  }
}

const OVERFLOW_KEY = 'entity_overflow';

/** The overflow saved by an earlier run (empty when none, or unreadable). */
function savedOverflow(store: EngineServices['store']): EntityOverflow[] {
  try {
    const saved = JSON.parse(store.readMeta(OVERFLOW_KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? (saved as EntityOverflow[]) : [];
  } catch {
    return [];
  }
}

export const samplingModule = defineModule({
  name: 'sampling',
  methods: ['sampleNow', 'pause', 'resume', 'status'],
  sections: ['sampling', 'storage'],
  migrations: {},
  create: (services: EngineServices) => new SamplingModule(services),
});
