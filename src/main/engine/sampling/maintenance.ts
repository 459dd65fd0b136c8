/**
 * The store's background jobs, each on its own schedule: batched commits (every 10 s by default),
 * rollups into the tiers from 10 s to 1 day (every minute), retention (hourly), and the extra
 * cron snapshots from settings.
 *
 * @example
 * const jobs = new Maintenance({ store, log, clock, settings, takeSnapshot: () => sampler.sampleNow() });
 * jobs.start(); jobs.apply(newSettings); await jobs.stop();
 */
import type { Settings } from '../../../shared/settings.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { scheduleCron, type CronJob } from '../schedule/cron-job.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import type { MetricStore } from '../store/metric-store.js';

/** What the jobs read: the snapshot schedules, the commit cadence and the retention. */
type JobSettings = Pick<Settings, 'sampling' | 'storage'>;

const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface MaintenanceOptions {
  readonly store: MetricStore;
  readonly log: Logger;
  readonly clock: Clock;
  readonly settings: JobSettings;
  readonly takeSnapshot: () => Promise<unknown>;
  /** Called after each commit, e.g. to publish status. */
  readonly afterCommit?: () => void;
}

export class Maintenance {
  private readonly commit: RepeatingJob;
  private readonly rollupJob: RepeatingJob;
  private readonly retentionJob: RepeatingJob;
  private snapshots: CronJob[] = [];
  private settings: JobSettings;
  private started = false;
  /** The rollup running now, if one is (the first after an upgrade may have days of buckets to fill). */
  private rolling: Promise<void> | null = null;

  constructor(private readonly options: MaintenanceOptions) {
    this.settings = options.settings;
    this.commit = new RepeatingJob(
      'commit',
      this.settings.storage.commitInterval,
      () => this.flush(),
      undefined,
      (error) => options.log.error({ err: error }, 'commit failed'),
    );
    // Fixed cadences need no cron parser: that (luxon, ICU time zones) costs ~8 MB of RSS, so
    // only user-configured snapshots use it (RepeatingJob is a plain timer). Rollup runs 5 s past
    // each minute, once the minute is complete.
    this.rollupJob = new RepeatingJob('rollup', MINUTE, () => this.rollup(), undefined, undefined, 5_000);
    this.retentionJob = new RepeatingJob('retention', HOUR, () => this.retention(), undefined, undefined, 7 * MINUTE);
  }

  /** Throws (before arming anything) when a snapshot schedule is invalid. */
  start(): void {
    this.snapshots = this.armSnapshots(this.settings);
    this.started = true;
    this.commit.start();
    this.rollupJob.start();
    this.retentionJob.start();
    void this.retention();
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const job of this.snapshots) job.cancel();
    this.snapshots = [];
    await Promise.all([this.commit.stop(), this.rollupJob.stop(), this.retentionJob.stop()]);
    await this.rolling;
  }

  /** Throws, naming the setting, when a snapshot schedule cannot be armed; arms nothing. */
  check(settings: JobSettings): void {
    for (const job of this.armSnapshots(settings)) job.cancel();
  }

  /**
   * Applies new settings, running or not: snapshot schedules are validated (a bad one throws and
   * changes nothing), re-armed if running, and the commit cadence and retention take effect.
   */
  apply(settings: JobSettings): void {
    const next = this.armSnapshots(settings);
    for (const job of this.snapshots) job.cancel();
    if (this.started) {
      this.snapshots = next;
    } else {
      for (const job of next) job.cancel();
      this.snapshots = [];
    }
    this.settings = settings;
    this.commit.setInterval(settings.storage.commitInterval);
  }

  nextSnapshot(): Date | null {
    const runs = this.snapshots.map((job) => job.nextRun()).filter((d): d is Date => d !== null);
    return runs.sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  }

  /** Commits; a failure is logged once per episode by the store, and said in status after every try. */
  flush(): void {
    try {
      const written = this.options.store.flush();
      if (written > 0) this.options.log.debug({ rows: written }, 'committed samples');
    } catch {
      // The store logged it (once per episode) and keeps the rows; status carries it from here.
    } finally {
      this.options.afterCommit?.();
    }
  }

  /**
   * Rolls up a window at a time, with a turn of the event loop between windows (the first run
   * after an upgrade may have days to fill); a call while one runs waits for that one.
   */
  rollup(): Promise<void> {
    this.rolling ??= this.rollOnce().finally(() => (this.rolling = null));
    return this.rolling;
  }

  private async rollOnce(): Promise<void> {
    try {
      this.options.store.flush();
      const done = await this.options.store.rollupPaced(this.options.clock.wall());
      if (Object.values(done).some((buckets) => buckets > 0)) this.options.log.debug(done, 'rolled up');
    } catch (error) {
      this.options.log.error({ err: error }, 'rollup failed; it will resume from the same point next minute');
    }
  }

  /** Rolls up first (paced), so the age limits then find everything absorbed by the coarser tiers. */
  async retention(): Promise<void> {
    await this.rollup();
    if (!this.started) return;
    try {
      const report = this.options.store.applyRetention(this.settings.storage.retention, this.options.clock.wall());
      this.options.log.info(report, 'retention applied');
    } catch (error) {
      this.options.log.error({ err: error }, 'retention failed; it will be retried next hour');
    }
  }

  private armSnapshots(settings: JobSettings): CronJob[] {
    const armed: CronJob[] = [];
    try {
      settings.sampling.snapshots.forEach((spec, i) => {
        armed.push(scheduleCron('snapshot', spec, () => this.options.takeSnapshot(), `sampling.snapshots.${i}`));
      });
    } catch (error) {
      for (const job of armed) job.cancel();
      throw error;
    }
    return armed;
  }
}
