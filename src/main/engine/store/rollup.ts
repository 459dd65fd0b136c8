/**
 * Rolls each tier up from its source, down the tier list (schema.ts): raw rows into 10 s
 * buckets, 10 s into 30 s and 1 min, 1 min into 2 and 5 min, … 6 h into 1 day. Each tier is
 * recomputed from its source tier only, so a bucket costs a handful of source rows.
 *
 * Only complete buckets are rolled (bucket end ≤ now − lag, before any row still in the write
 * buffer, and before the source tier's own watermark). Each window of buckets is recomputed from
 * the source and replaces the window (parts and row counts included) in the same transaction that
 * advances the tier's watermark, so a crash or restart never double-counts or skips a bucket, and
 * re-running is a no-op. A tier that has no watermark yet (a new database, or a tier added by a
 * migration) starts at the oldest row of its source. A sample that arrives behind the 10 s
 * watermark makes its buckets, and the coarser buckets holding them, be rolled again.
 *
 * @example
 * const rollup = new Rollup(db, reader, registry, watermarks, counts);
 * rollup.run({ now: Date.now(), lagMs: 3000, before: Infinity, dirtyFrom: null }) // { '10s': 6, '1m': 1, … }
 * for (const _ of rollup.windows(run)) await turn(); // the same, one window at a time
 */
import type Database from 'better-sqlite3';
import { BucketAccumulator } from './bucket-accumulator.js';
import type { Watermarks } from './catalog-statements.js';
import { encodeAggregates } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import type { RowCounts } from './row-counts.js';
import { drain } from './row-scans.js';
import { ROLLED_TIERS, bucketStart, tierInfo, type RolledTier, type TierInfo } from './schema.js';
import { SeriesIndex } from './series-index.js';
import type { TierReader } from './tier-reader.js';

export interface RollupRun {
  readonly now: number;
  /** Buckets ending later than now - lagMs are left for the next run. */
  readonly lagMs: number;
  /** Timestamp of the oldest row not yet on disk (Infinity when none): its bucket must wait. */
  readonly before: number;
  /** Oldest raw row appended behind the finest rollup's watermark (a late sample), or null. */
  readonly dirtyFrom: number | null;
}

/** Buckets written per tier by one run. */
export type RollupResult = Record<RolledTier, number>;

/** Buckets recomputed per transaction: 360 buckets read at most ~3,600 source rows, a few ms of write lock. */
const WINDOW_BUCKETS = 360;

type Window = { from: number; to: number };

export class Rollup {
  private readonly insert = new Map<RolledTier, Database.Statement<[number, number, Buffer]>>();
  private readonly clear = new Map<RolledTier, Database.Statement<[number, number]>>();
  private readonly nextTs = new Map<string, Database.Statement<[number], number | null>>();

  constructor(
    private readonly db: Database.Database,
    private readonly reader: TierReader,
    private readonly registry: LayoutRegistry,
    private readonly watermarks: Watermarks,
    private readonly counts: RowCounts,
  ) {
    for (const tier of ROLLED_TIERS) {
      this.insert.set(tier.name, db.prepare(`INSERT INTO ${tier.table} (ts, layout, data) VALUES (?, ?, ?)`));
      this.clear.set(tier.name, db.prepare(`DELETE FROM ${tier.table} WHERE ts >= ? AND ts < ?`));
    }
    for (const tier of ROLLED_TIERS) {
      const source = tierInfo(tier.source).table;
      this.nextTs.set(
        tier.name,
        db.prepare<[number], number | null>(`SELECT min(ts) FROM ${source} WHERE ts >= ?`).pluck(),
      );
    }
  }

  /** Rolls every tier up to date in one go. */
  run(run: RollupRun): RollupResult {
    const windows = this.windows(run);
    for (let step = windows.next(); ; step = windows.next()) if (step.done) return step.value;
  }

  /** The same work, one transaction per step, so a caller can give the event loop a turn between windows. */
  *windows(run: RollupRun): Generator<void, RollupResult> {
    const lastComplete = run.now - run.lagMs;
    const written = Object.fromEntries(ROLLED_TIERS.map((t) => [t.name, 0])) as RollupResult;
    /** Where each tier recomputed buckets it had already rolled (a late sample), if it did. */
    const recomputedFrom = new Map<string, number>();
    if (run.dirtyFrom !== null) recomputedFrom.set('raw', run.dirtyFrom);
    for (const tier of ROLLED_TIERS) {
      const done = this.watermarks.get(tier.name);
      const sourceOldest = this.reader.oldest(tier.source);
      let start = done ?? (sourceOldest === null ? null : bucketStart(sourceOldest, tier.ms));
      // The source comes before the tier in the list: it has already recomputed what it would.
      const stale = recomputedFrom.get(tier.source) ?? null;
      if (start !== null && stale !== null && done !== null && stale < done) {
        start = Math.min(start, bucketStart(stale, tier.ms));
        recomputedFrom.set(tier.name, start);
      }
      const sourceDone = tier.source === 'raw' ? run.before : this.watermarks.get(tier.source);
      if (start === null || sourceDone === null) continue;
      const end = bucketStart(Math.min(lastComplete, sourceDone), tier.ms);
      for (let window = this.nextWindow(tier, start, end); window; window = this.nextWindow(tier, window.to, end)) {
        written[tier.name] += this.roll(tier, window);
        yield;
      }
    }
    return written;
  }

  /**
   * The next window from `cursor`, skipping a stretch without source rows in one step; past the
   * last source row, an empty window up to `end` (it only moves the watermark); null at `end`.
   */
  private nextWindow(tier: TierInfo & { name: RolledTier }, cursor: number, end: number): Window | null {
    if (cursor >= end) return null;
    const next = this.nextTs.get(tier.name)!.get(cursor) ?? null;
    if (next === null || next >= end) return { from: end, to: end };
    const from = Math.max(cursor, bucketStart(next, tier.ms));
    return { from, to: Math.min(end, from + WINDOW_BUCKETS * tier.ms) };
  }

  /** Recomputes one window of buckets and moves the watermark past it; returns the buckets written. */
  private roll(tier: TierInfo & { name: RolledTier }, window: Window): number {
    return this.transaction(() => {
      const count = window.from < window.to ? this.rewrite(tier, window) : 0;
      const done = this.watermarks.get(tier.name);
      if (done === null || done < window.to) this.watermarks.set(tier.name, window.to);
      return count;
    });
  }

  private rewrite(tier: TierInfo & { name: RolledTier }, { from, to }: Window): number {
    const index = SeriesIndex.open();
    // Rows are written after the scan: SQLite cannot write on a connection mid-read.
    const out: { start: number; series: number[]; values: number[] }[] = [];
    const acc = new BucketAccumulator(tier.ms, (start, series, min, avg, max, count) => {
      if (out.at(-1)?.start !== start) out.push({ start, series: [], values: [] });
      const bucket = out.at(-1)!;
      bucket.series.push(series);
      bucket.values.push(min, avg, max, count);
    });
    if (tier.source === 'raw') drain(this.reader.raw(from, to - 1, index, (ts, s, v) => acc.add(ts, s, v, v, v, 1)));
    else drain(this.reader.table(tier.source as RolledTier, from, to - 1, index, acc.add.bind(acc)));
    acc.finish();
    this.clear.get(tier.name)!.run(from, to);
    const parts = this.reader.parts.get(tier.name)!;
    parts.deleteFrom(from, to);
    const insert = this.insert.get(tier.name)!;
    for (const { start, series, values } of out) {
      const order = series.map((s, i) => ({ key: index.keys[s]!, i })).sort((a, b) => (a.key < b.key ? -1 : 1));
      const layout = this.registry.aggregateLayoutFor(order.map((o) => o.key));
      const aggregates = order.map(({ i }) => ({
        min: values[4 * i]!,
        avg: values[4 * i + 1]!,
        max: values[4 * i + 2]!,
        count: values[4 * i + 3]!,
      }));
      const id = this.registry.persist(layout);
      parts.write(start, layout, encodeAggregates(layout, aggregates), (head) => insert.run(start, id, head));
    }
    this.counts.recount(tier.name, from, to - 1);
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
