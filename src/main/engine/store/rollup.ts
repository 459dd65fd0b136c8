/**
 * Rolls raw rows into 1-minute buckets and 1-minute buckets into 1-hour buckets.
 *
 * Only complete buckets are rolled (bucket end <= now - lag, and before any row still in the
 * write buffer). Each window of buckets is recomputed from the source tier and written with
 * INSERT OR REPLACE in the same transaction that advances the tier's watermark, so a crash or
 * restart never double-counts or skips a bucket, and re-running is a no-op.
 *
 * @example
 * const rollup = new Rollup(db, reader, registry, watermarks);
 * rollup.run({ now: Date.now(), lagMs: 3000, before: Infinity, dirtyFrom: null }) // { minutes: 1, hours: 0 }
 */
import type Database from 'better-sqlite3';
import { BucketAccumulator } from './bucket-accumulator.js';
import type { Watermarks } from './catalog-statements.js';
import { encodeAggregates, type Aggregate } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, TIERS, bucketStart, type RolledTier } from './schema.js';
import { SeriesIndex } from './series-index.js';
import type { TierReader } from './tier-reader.js';

export interface RollupRun {
  readonly now: number;
  /** Buckets ending later than now - lagMs are left for the next run. */
  readonly lagMs: number;
  /** Timestamp of the oldest row not yet on disk (Infinity when none): its bucket must wait. */
  readonly before: number;
  /** Oldest raw row appended behind the 1m watermark (a late sample), or null. */
  readonly dirtyFrom: number | null;
}

/** Buckets recomputed per transaction: bounds the time the write lock is held. */
const WINDOW_MS: Record<RolledTier, number> = { '1m': 6 * HOUR_MS, '1h': DAY_MS };

export class Rollup {
  private readonly insert: Record<RolledTier, Database.Statement<[number, number, Buffer]>>;
  private readonly nextTs: Record<'samples' | 'rollup_1m', Database.Statement<[number], number | null>>;
  private readonly countIn: Record<RolledTier, Database.Statement<[number, number], number>>;
  /** Rows added (not replaced) by the last run, per tier: keeps row counts current without recounting. */
  added: Record<RolledTier, number> = { '1m': 0, '1h': 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly reader: TierReader,
    private readonly registry: LayoutRegistry,
    private readonly watermarks: Watermarks,
  ) {
    const insert = (table: string) =>
      db.prepare<[number, number, Buffer]>(`INSERT OR REPLACE INTO ${table} (ts, layout, data) VALUES (?, ?, ?)`);
    this.insert = { '1m': insert(TIERS['1m'].table), '1h': insert(TIERS['1h'].table) };
    const next = (table: string) =>
      db.prepare<[number], number | null>(`SELECT min(ts) FROM ${table} WHERE ts >= ?`).pluck();
    this.nextTs = { samples: next('samples'), rollup_1m: next('rollup_1m') };
    const count = (table: string) =>
      db.prepare<[number, number], number>(`SELECT count(*) FROM ${table} WHERE ts >= ? AND ts < ?`).pluck();
    this.countIn = { '1m': count(TIERS['1m'].table), '1h': count(TIERS['1h'].table) };
  }

  run(run: RollupRun): { minutes: number; hours: number } {
    this.added = { '1m': 0, '1h': 0 };
    const lastComplete = run.now - run.lagMs;
    let start1m = this.watermarks.get('1m') ?? floorOrNull(this.reader.oldest('raw'), MINUTE_MS);
    if (start1m !== null && run.dirtyFrom !== null) start1m = Math.min(start1m, bucketStart(run.dirtyFrom, MINUTE_MS));
    const end1m = bucketStart(Math.min(lastComplete, run.before), MINUTE_MS);
    const minutes = start1m === null ? 0 : this.rollTier('1m', start1m, end1m);

    const done1m = this.watermarks.get('1m');
    let start1h = this.watermarks.get('1h') ?? floorOrNull(this.reader.oldest('1m'), HOUR_MS);
    // Minutes recomputed behind the 1h watermark make their hours stale too.
    if (start1h !== null && start1m !== null && minutes > 0) start1h = Math.min(start1h, bucketStart(start1m, HOUR_MS));
    const end1h = done1m === null ? null : bucketStart(Math.min(lastComplete, done1m), HOUR_MS);
    const hours = start1h === null || end1h === null ? 0 : this.rollTier('1h', start1h, end1h);
    return { minutes, hours };
  }

  /** Rolls buckets in [start, end) window by window; returns the rows written. */
  private rollTier(tier: RolledTier, start: number, end: number): number {
    const { ms, source } = TIERS[tier];
    const sourceTable = source === 'raw' ? 'samples' : 'rollup_1m';
    const index = SeriesIndex.open();
    let written = 0;
    let cursor = start;
    while (cursor < end) {
      const next = this.nextTs[sourceTable].get(cursor) ?? null;
      // Skip stretches without data in one step instead of one empty window at a time.
      const windowStart = next === null || next >= end ? end : Math.max(cursor, bucketStart(next, ms));
      const windowEnd = windowStart >= end ? end : Math.min(end, windowStart + WINDOW_MS[tier]);
      written += this.transaction(() => {
        const count = windowStart < windowEnd ? this.rollWindow(tier, windowStart, windowEnd, index) : 0;
        const done = this.watermarks.get(tier);
        if (done === null || done < windowEnd) this.watermarks.set(tier, windowEnd);
        return count;
      });
      cursor = windowEnd;
    }
    return written;
  }

  private rollWindow(tier: RolledTier, from: number, to: number, index: SeriesIndex): number {
    // Rows are written after the scan: SQLite cannot write on a connection mid-read.
    const out: { start: number; entries: { key: string; aggregate: Aggregate }[] }[] = [];
    const acc = new BucketAccumulator(TIERS[tier].ms, (start, series, min, avg, max, count) => {
      if (out.at(-1)?.start !== start) out.push({ start, entries: [] });
      out.at(-1)!.entries.push({ key: index.keys[series]!, aggregate: { min, avg, max, count } });
    });
    if (tier === '1m') this.reader.scanRaw(from, to - 1, index, (ts, s, v) => acc.add(ts, s, v, v, v, 1));
    else
      this.reader.scanTable('1m', from, to - 1, index, (ts, s, min, avg, max, n) => acc.add(ts, s, min, avg, max, n));
    acc.finish();
    this.added[tier] -= this.countIn[tier].get(from, to) ?? 0;
    this.added[tier] += out.length;
    for (const { start, entries } of out) {
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const layout = this.registry.aggregateLayoutFor(entries.map((e) => e.key));
      const data = encodeAggregates(
        layout,
        entries.map((e) => e.aggregate),
      );
      this.insert[tier].run(start, this.registry.persist(layout), data);
    }
    return out.length;
  }

  private transaction(work: () => number): number {
    try {
      const result = this.db.transaction(work).immediate();
      this.registry.commit();
      return result;
    } catch (error) {
      this.registry.rollback();
      throw error;
    }
  }
}

function floorOrNull(ts: number | null, ms: number): number | null {
  return ts === null ? null : bucketStart(ts, ms);
}
