/**
 * The hourly archive's job records (job tracking: resumable, never twice): one row per hour in
 * `archive_hours` (migration 0003), so the archive resumes where it stopped, never writes an
 * hour twice and retries failures.
 *
 * Statuses: `done` (written, or nothing to write: rows 0 and no file), `failed` (retried on the
 * next run, `error` says why), `expired` (failed, and retention has since deleted the hour's raw
 * samples, so it can no longer be written).
 *
 * @example
 * const jobs = new ArchiveJobs(store.connection);
 * jobs.markDone(hourStart, '/archive/2026-11-23/06-07.json', 3600, Date.now());
 * jobs.doneHours(from, to) // Set of hour starts already done
 */
import type Database from 'better-sqlite3';

export type ArchiveJobStatus = 'done' | 'failed' | 'expired';

/** The archive's state for doctor and the UI. */
export interface ArchiveJobSummary {
  /** The newest hour written to a file (start, UTC ms), or null. */
  readonly lastHour: number | null;
  readonly lastFile: string | null;
  readonly lastWrittenAt: number | null;
  /** Hours that failed and will be retried. */
  readonly failedHours: number;
  /** The most recent failure's message, while any hour is failed. */
  readonly lastError: string | null;
}

export class ArchiveJobs {
  private readonly upsert: Database.Statement<[number, string, string | null, number, number, string | null]>;
  private readonly done: Database.Statement<[number, number], number>;
  private readonly expire: Database.Statement<[number]>;
  private readonly last: Database.Statement<[], { hour_start: number; file: string; written_at: number } | undefined>;
  private readonly failedCount: Database.Statement<[], number>;
  private readonly lastFailure: Database.Statement<[], string | null | undefined>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO archive_hours (hour_start, status, file, rows, written_at, error) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (hour_start) DO UPDATE SET status = excluded.status, file = excluded.file,
         rows = excluded.rows, written_at = excluded.written_at, error = excluded.error`,
    );
    this.done = db
      .prepare<[number, number], number>(
        "SELECT hour_start FROM archive_hours WHERE status = 'done' AND hour_start >= ? AND hour_start <= ?",
      )
      .pluck();
    this.expire = db.prepare("UPDATE archive_hours SET status = 'expired' WHERE status = 'failed' AND hour_start < ?");
    this.last = db.prepare(
      "SELECT hour_start, file, written_at FROM archive_hours WHERE status = 'done' AND file IS NOT NULL ORDER BY hour_start DESC LIMIT 1",
    );
    this.failedCount = db.prepare<[], number>("SELECT count(*) FROM archive_hours WHERE status = 'failed'").pluck();
    this.lastFailure = db
      .prepare<[], string | null>(
        "SELECT error FROM archive_hours WHERE status = 'failed' ORDER BY written_at DESC, hour_start DESC LIMIT 1",
      )
      .pluck();
  }

  /** Hour starts in [from, to] already done. */
  doneHours(from: number, to: number): Set<number> {
    return new Set(this.done.all(from, to));
  }

  /** Records an hour as archived (`file` null when it had no samples). */
  markDone(hourStart: number, file: string | null, rows: number, at: number): void {
    this.upsert.run(hourStart, 'done', file, rows, at, null);
  }

  markFailed(hourStart: number, error: string, at: number): void {
    this.upsert.run(hourStart, 'failed', null, 0, at, error);
  }

  /** Failed hours before `hourStart` whose samples retention removed: no retry can succeed. */
  expireFailedBefore(hourStart: number): number {
    return this.expire.run(hourStart).changes;
  }

  summary(): ArchiveJobSummary {
    const last = this.last.get();
    const failedHours = this.failedCount.get() ?? 0;
    return {
      lastHour: last?.hour_start ?? null,
      lastFile: last?.file ?? null,
      lastWrittenAt: last?.written_at ?? null,
      failedHours,
      lastError: failedHours > 0 ? (this.lastFailure.get() ?? null) : null,
    };
  }
}
