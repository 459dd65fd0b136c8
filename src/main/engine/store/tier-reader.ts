/**
 * Reads rows of a tier in time order and hands each value to a callback: raw rows from disk
 * plus the rows still waiting in the write buffer, and rollup rows plus the tail that is not
 * rolled up yet (aggregated on the fly from the finer tier), so every query sees all data.
 *
 * @example
 * reader.scanRaw(from, to, SeriesIndex.of(['cpu.total']), (ts, series, value) => ...);
 * reader.scanAggregated('1m', from, to, index, (start, series, min, avg, max, count) => ...);
 */
import type Database from 'better-sqlite3';
import type { Tier } from '../../../shared/queries.js';
import { BucketAccumulator, type AggregateSink } from './bucket-accumulator.js';
import type { Watermarks } from './catalog-statements.js';
import { floatView, readValue, type Layout } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import { TIERS, bucketStart, type RolledTier } from './schema.js';
import type { SeriesIndex } from './series-index.js';
import type { WriteBuffer } from './write-buffer.js';

export type ValueSink = (ts: number, series: number, value: number) => void;

type RowTuple = [number, number, Buffer];

interface TierStatements {
  range: Database.Statement<[number, number, number], RowTuple>;
  oldest: Database.Statement<[], number | null>;
  newest: Database.Statement<[], number | null>;
  count: Database.Statement<[number, number], number>;
}

/**
 * Rows fetched per statement call: `all()` in chunks is about twice as fast as `iterate()`
 * on small rows, and chunks keep memory bounded on long scans.
 */
const CHUNK_ROWS = 4096;

/** Sampling interval assumed before there are two rows to measure it. */
const DEFAULT_STEP_MS = 1000;

export class TierReader {
  private readonly stmt: Record<Tier, TierStatements>;
  private readonly recentTs: Database.Statement<[], number>;

  constructor(
    db: Database.Database,
    private readonly registry: LayoutRegistry,
    private readonly buffer: WriteBuffer,
    private readonly watermarks: Watermarks,
  ) {
    const make = (table: string): TierStatements => ({
      range: db
        .prepare<[number, number, number], RowTuple>(
          `SELECT ts, layout, data FROM ${table} WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?`,
        )
        .raw(),
      oldest: db.prepare<[], number | null>(`SELECT min(ts) FROM ${table}`).pluck(),
      newest: db.prepare<[], number | null>(`SELECT max(ts) FROM ${table}`).pluck(),
      count: db.prepare<[number, number], number>(`SELECT count(*) FROM ${table} WHERE ts >= ? AND ts <= ?`).pluck(),
    });
    this.stmt = { raw: make(TIERS.raw.table), '1m': make(TIERS['1m'].table), '1h': make(TIERS['1h'].table) };
    this.recentTs = db.prepare<[], number>(`SELECT ts FROM ${TIERS.raw.table} ORDER BY ts DESC LIMIT 65`).pluck();
  }

  /** The oldest row of a tier's table (raw: or of the write buffer), or null when empty. */
  oldest(tier: Tier): number | null {
    const stored = this.stmt[tier].oldest.get() ?? null;
    if (tier !== 'raw' || stored !== null) return stored;
    return this.buffer.rows[0]?.ts ?? null;
  }

  newest(tier: Tier): number | null {
    if (tier === 'raw') {
      const pending = this.buffer.rows.at(-1);
      if (pending) return pending.ts;
    }
    return this.stmt[tier].newest.get() ?? null;
  }

  /** Rows of a tier with from <= ts <= to (raw: including buffered ones). */
  count(tier: Tier, from: number, to: number): number {
    const stored = this.countStored(tier, from, to);
    return tier === 'raw' ? stored + this.buffer.rowsInRange(from, to).length : stored;
  }

  /** Rows of a tier's table with from <= ts <= to. */
  countStored(tier: Tier, from: number, to: number): number {
    return this.stmt[tier].count.get(from, to) ?? 0;
  }

  /** Median spacing of the newest raw rows: the sampling interval in practice. */
  rawStep(): number {
    const ts = [...this.recentTs.all().reverse(), ...this.buffer.rows.slice(-65).map((row) => row.ts)].slice(-65);
    const deltas: number[] = [];
    for (let i = 1; i < ts.length; i++) deltas.push(ts[i]! - ts[i - 1]!);
    if (deltas.length === 0) return DEFAULT_STEP_MS;
    deltas.sort((a, b) => a - b);
    return deltas[deltas.length >> 1]!;
  }

  /** Raw values with from <= ts <= to, in time order; returns the number of rows read. */
  scanRaw(from: number, to: number, index: SeriesIndex, sink: ValueSink): number {
    let rows = 0;
    const visit = (ts: number, layout: Layout, data: Buffer) => {
      const positions = index.positions(layout);
      const view = floatView(data);
      for (let i = 0; i < positions.length; i++) {
        const series = positions[i]!;
        if (series >= 0) sink(ts, series, readValue(layout, data, i, view));
      }
      rows++;
    };
    this.forEachStored('raw', from, to, (ts, layoutId, data) => visit(ts, this.registry.byId(layoutId), data));
    for (const row of this.buffer.rowsInRange(from, to)) visit(row.ts, row.layout, row.data);
    return rows;
  }

  /** Rollup rows of the table only, with from <= ts <= to; returns the number of rows read. */
  scanTable(tier: RolledTier, from: number, to: number, index: SeriesIndex, sink: AggregateSink): number {
    let rows = 0;
    this.forEachStored(tier, from, to, (ts, layoutId, data) => {
      const layout = this.registry.byId(layoutId);
      const positions = index.positions(layout);
      const view = floatView(data);
      for (let i = 0; i < positions.length; i++) {
        const series = positions[i]!;
        if (series < 0) continue;
        const offset = layout.offsets[i]!;
        if (view) {
          const at = offset >>> 2;
          sink(ts, series, view[at]!, view[at + 1]!, view[at + 2]!, view[at + 3]!);
        } else {
          sink(
            ts,
            series,
            data.readFloatLE(offset),
            data.readFloatLE(offset + 4),
            data.readFloatLE(offset + 8),
            data.readFloatLE(offset + 12),
          );
        }
      }
      rows++;
    });
    return rows;
  }

  /** Stored rows with from <= ts <= to, oldest first, fetched in chunks. */
  private forEachStored(
    tier: Tier,
    from: number,
    to: number,
    visit: (ts: number, layoutId: number, data: Buffer) => void,
  ): void {
    const stmt = this.stmt[tier].range;
    let cursor = from;
    for (;;) {
      const rows = stmt.all(cursor, to, CHUNK_ROWS);
      for (const [ts, layoutId, data] of rows) visit(ts, layoutId, data);
      if (rows.length < CHUNK_ROWS) return;
      cursor = rows[rows.length - 1]![0] + 1;
    }
  }

  /**
   * Buckets of a rollup tier that overlap [from, to]: stored rows up to the watermark, then
   * the newer data aggregated on the fly (the last bucket may still be filling).
   */
  scanAggregated(tier: RolledTier, from: number, to: number, index: SeriesIndex, sink: AggregateSink): void {
    const { ms, source } = TIERS[tier];
    const alignedFrom = bucketStart(from, ms);
    const watermark = this.watermarks.get(tier);
    const tailStart = watermark === null ? alignedFrom : Math.max(alignedFrom, watermark);
    if (tailStart > alignedFrom) this.scanTable(tier, alignedFrom, Math.min(to, tailStart - 1), index, sink);
    if (tailStart > to) return;
    const acc = new BucketAccumulator(ms, sink);
    if (source === 'raw') this.scanRaw(tailStart, to, index, (ts, series, v) => acc.add(ts, series, v, v, v, 1));
    else
      this.scanAggregated(source as RolledTier, tailStart, to, index, (ts, s, min, avg, max, n) =>
        acc.add(ts, s, min, avg, max, n),
      );
    acc.finish();
  }
}
