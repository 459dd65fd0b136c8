/**
 * The process history's rows: one encoded bucket per tier and bucket start, in
 * `process_buckets` (see migration-0006-processes.ts for the key), with each tier's rollup
 * watermark. Writing a bucket that already exists merges the two (an engine restarted within
 * the minute it stopped in).
 *
 * @example
 * const history = new ProcessHistory(db);
 * history.put(60_000, start, data);
 * history.scan(60_000, from, to, (start, data) => merger.add(data));
 */
import type Database from 'better-sqlite3';
import type { BucketData } from './bucket-codec.js';
import { encodeBucket } from './bucket-codec.js';
import { BucketMerger } from './bucket-merger.js';

const MINUTE_MS = 60_000;
const WIDTH_SHIFT = 2 ** 32;

/** The row key of the bucket of width `widthMs` starting at `start` (both multiples of a minute). */
export function bucketKey(widthMs: number, start: number): number {
  return (widthMs / MINUTE_MS) * WIDTH_SHIFT + Math.floor(start / MINUTE_MS);
}

/** The bucket start a row key holds. */
export function keyStart(key: number): number {
  return (key % WIDTH_SHIFT) * MINUTE_MS;
}

export class ProcessHistory {
  private readonly statements: {
    get: Database.Statement<[number], Buffer | undefined>;
    put: Database.Statement<[number, Buffer], unknown>;
    scan: Database.Statement<[number, number], { key: number; data: Buffer }>;
    first: Database.Statement<[number, number], number | null>;
    deleteBetween: Database.Statement<[number, number], unknown>;
    watermark: Database.Statement<[number], number | undefined>;
    setWatermark: Database.Statement<[number, number], unknown>;
  };

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare<[number], Buffer>('SELECT data FROM process_buckets WHERE key = ?').pluck(),
      put: db.prepare('INSERT OR REPLACE INTO process_buckets (key, data) VALUES (?, ?)'),
      scan: db.prepare('SELECT key, data FROM process_buckets WHERE key >= ? AND key < ? ORDER BY key'),
      first: db
        .prepare<[number, number], number | null>('SELECT min(key) FROM process_buckets WHERE key >= ? AND key < ?')
        .pluck(),
      deleteBetween: db.prepare('DELETE FROM process_buckets WHERE key >= ? AND key < ?'),
      watermark: db.prepare<[number], number>('SELECT done_until FROM process_rollup_state WHERE width = ?').pluck(),
      setWatermark: db.prepare(
        'INSERT INTO process_rollup_state (width, done_until) VALUES (?, ?) ON CONFLICT(width) DO UPDATE SET done_until = excluded.done_until',
      ),
    };
  }

  /** Writes a bucket; one already there is merged with it, keeping `keep` apps per top list. */
  put(widthMs: number, start: number, data: BucketData, keep: number): void {
    const key = bucketKey(widthMs, start);
    const existing = this.statements.get.get(key);
    if (existing) {
      const merged = new BucketMerger();
      merged.add(existing);
      merged.addData(data);
      data = merged.result(keep);
    }
    this.statements.put.run(key, encodeBucket(data));
  }

  /** Replaces a bucket (rollups recompute a bucket whole). */
  replace(widthMs: number, start: number, data: BucketData): void {
    this.statements.put.run(bucketKey(widthMs, start), encodeBucket(data));
  }

  /** Buckets of one width starting in [from, to), in time order. */
  scan(widthMs: number, from: number, to: number, visit: (start: number, data: Buffer) => void): void {
    if (to <= from) return;
    // all() rather than iterate(): a year of hours comes back in a third of the time.
    for (const row of this.statements.scan.all(this.lowKey(widthMs, from), this.highKey(widthMs, to))) {
      visit(keyStart(row.key), row.data);
    }
  }

  /** The first bucket start of this width at or after `from`, or null. */
  firstFrom(widthMs: number, from: number): number | null {
    const key = this.statements.first.get(this.lowKey(widthMs, from), bucketKey(widthMs + MINUTE_MS, 0));
    return key === null || key === undefined ? null : keyStart(key);
  }

  /** Deletes buckets of this width starting before `before`; returns how many. */
  deleteBefore(widthMs: number, before: number): number {
    return this.statements.deleteBetween.run(bucketKey(widthMs, 0), this.lowKey(widthMs, before)).changes;
  }

  /** Every bucket of this width before this time is final (rolled up, or written whole). */
  watermark(widthMs: number): number | null {
    return this.statements.watermark.get(widthMs) ?? null;
  }

  setWatermark(widthMs: number, doneUntil: number): void {
    this.statements.setWatermark.run(widthMs, doneUntil);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  private lowKey(widthMs: number, from: number): number {
    return bucketKey(widthMs, Math.max(0, Math.ceil(from / MINUTE_MS) * MINUTE_MS));
  }

  private highKey(widthMs: number, to: number): number {
    return bucketKey(widthMs, Math.max(0, Math.ceil(to / MINUTE_MS) * MINUTE_MS));
  }
}
