/**
 * The optional hourly archive: every completed UTC hour of raw samples becomes one
 * JSON file, `<folder>/YYYY-MM-DD/HH-HH.json` (the export's JSON format, raw tier), written
 * atomically (temporary file, then rename), with one job row per hour in `archive_hours`.
 *
 * Rules, per run:
 * - An hour is archived once it ended at least a minute ago (`graceMs`), so its last samples are
 *   committed; the hour still running is never written.
 * - Hours are considered from the oldest raw sample still stored up to the last completed hour,
 *   so hours missed while the engine was off (or before the archive was turned on) are filled.
 *   Older hours are gone from the raw tier and are not attempted; a failed one that falls out of
 *   retention becomes `expired`. The oldest hour may have lost its start to retention already:
 *   it is written with what is left rather than not at all.
 * - A `done` hour is never written again, even if its file was deleted or moved: the archive is a
 *   one-way feed (a sync folder, a backup), and rewriting could resurrect files a user removed.
 * - An hour with no samples (machine off or asleep) is recorded `done` with rows 0 and no file,
 *   so it is not reconsidered on every run and the folder holds no empty documents.
 * - A failure is recorded `failed` with its message and retried on the next run.
 *
 * @example
 * const archive = new HourlyArchive({ store, db: store.connection, folder: '/home/me/archive', host, log });
 * await archive.runOnce(Date.now()); // { written: 3, empty: 0, skipped: 0, failed: 0 }
 * archive.status(); // { folder, lastHour, lastFile, lastWrittenAt, failedHours, lastError }
 */
import type Database from 'better-sqlite3';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../log/logger.js';
import type { SampleRange } from '../store/sample-range.js';
import { HOUR_MS, bucketStart } from '../store/schema.js';
import { ArchiveJobs, type ArchiveJobSummary } from './archive-jobs.js';
import { hourFile } from './archive-paths.js';
import { runExport, type ExportSource } from './export-runner.js';
import { explainWriteError } from './write-errors.js';

/** An hour is archived this long after it ended, when its samples are surely committed. */
export const ARCHIVE_GRACE_MS = 60_000;

export interface HourlyArchiveOptions {
  /** The metric store (MetricStore satisfies this). */
  readonly store: ExportSource & { readonly range: Pick<SampleRange, 'scan' | 'count' | 'oldestAfter'> };
  /** The store's connection (`store.connection`), which holds `archive_hours`. */
  readonly db: Database.Database;
  readonly folder: string;
  readonly host: string;
  readonly log: Logger;
  readonly graceMs?: number;
}

/** What one run did. */
export interface ArchiveRunReport {
  /** Hours written to a file. */
  readonly written: number;
  /** Hours without samples, recorded done with no file. */
  readonly empty: number;
  /** Hours already done (not written again). */
  readonly skipped: number;
  /** Hours that failed this run; retried next run. */
  readonly failed: number;
}

export interface ArchiveStatus extends ArchiveJobSummary {
  readonly folder: string;
}

export class HourlyArchive {
  private readonly jobs: ArchiveJobs;
  private readonly folder: string;
  private running: Promise<ArchiveRunReport> | null = null;

  constructor(private readonly options: HourlyArchiveOptions) {
    this.jobs = new ArchiveJobs(options.db);
    this.folder = resolve(options.folder);
  }

  /** Archives every completed hour not yet done. A call during a run gets that run's report. */
  runOnce(now: number): Promise<ArchiveRunReport> {
    this.running ??= this.run(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  status(): ArchiveStatus {
    return { folder: this.folder, ...this.jobs.summary() };
  }

  private async run(now: number): Promise<ArchiveRunReport> {
    const { store, log } = this.options;
    const report = { written: 0, empty: 0, skipped: 0, failed: 0 };
    const lastHour = bucketStart(now - (this.options.graceMs ?? ARCHIVE_GRACE_MS), HOUR_MS) - HOUR_MS;
    try {
      store.flush();
    } catch {
      // Logged by the store; the hours concerned are complete only once their rows are stored,
      // and the grace period is far longer than the store's retry interval.
    }
    const oldest = store.range.oldestAfter(Number.MIN_SAFE_INTEGER);
    if (oldest === null) return report;
    const firstHour = bucketStart(oldest, HOUR_MS);
    const expired = this.jobs.expireFailedBefore(firstHour);
    if (expired > 0) log.warn({ hours: expired }, 'hourly archive: failed hours expired (their samples are gone)');
    const done = this.jobs.doneHours(firstHour, lastHour);
    let firstError: string | null = null;
    for (let hour = firstHour; hour <= lastHour; hour += HOUR_MS) {
      if (done.has(hour)) {
        report.skipped++;
        continue;
      }
      const outcome = await this.archiveHour(hour, now);
      if (typeof outcome === 'string') {
        report.failed++;
        firstError ??= outcome;
      } else report[outcome.kind]++;
    }
    if (report.failed > 0) log.warn({ ...report, folder: this.folder, error: firstError }, 'hourly archive failed');
    return report;
  }

  /** Writes one hour; returns what happened, or the error message. */
  private async archiveHour(hour: number, now: number): Promise<{ kind: 'written' | 'empty' } | string> {
    const { store, host, log } = this.options;
    const to = hour + HOUR_MS - 1;
    if (store.range.count(hour - 1, to) === 0) {
      this.jobs.markDone(hour, null, 0, now);
      return { kind: 'empty' };
    }
    const path = join(this.folder, hourFile(hour));
    try {
      try {
        await mkdir(dirname(path), { recursive: true });
      } catch (error) {
        throw explainWriteError(path, error);
      }
      const result = await runExport(
        store,
        { format: 'json', from: hour, to, resolution: 'raw', metrics: null, path },
        { host, id: `archive-${hour}` },
      );
      this.jobs.markDone(hour, path, result.rows, now);
      log.debug({ path, rows: result.rows }, 'hourly archive: hour written');
      return { kind: 'written' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.jobs.markFailed(hour, message, now);
      return message;
    }
  }
}
