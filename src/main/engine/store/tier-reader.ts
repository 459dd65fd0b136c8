/**
 * Reads rows of a tier in time order and hands each wanted value to a callback: raw rows from
 * disk plus the rows still waiting in the write buffer, and rollup rows plus the tail that is not
 * rolled up yet (aggregated on the fly from the finer tier), so every query sees all data. Only
 * the series asked for are decoded, and of a wide rollup row only the parts that hold them are
 * read (row-parts.ts). `rowsRead` counts every row read, for tests and the benchmark.
 *
 * @example
 * drain(reader.raw(from, to, SeriesIndex.of(['cpu.total']), (ts, series, value) => ...));
 * drain(reader.aggregated('1m', from, to, index, (start, series, min, avg, max, count) => ...));
 */
import type Database from 'better-sqlite3';
import { BucketAccumulator, type AggregateSink } from './bucket-accumulator.js';
import type { Watermarks } from './catalog-statements.js';
import { FloatScratch, readValue, type Layout } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import { RowParts, partBytes } from './row-parts.js';
import { ChunkCursor, SequenceScan, drain, type Scan } from './row-scans.js';
import {
  PART_SERIES,
  ROLLED_TIERS,
  TIER_LIST,
  bucketStart,
  tierInfo,
  type RolledTier,
  type StoreTier,
} from './schema.js';
import type { SeriesIndex } from './series-index.js';
import type { WriteBuffer } from './write-buffer.js';

export type ValueSink = (ts: number, series: number, value: number) => void;

/** ts, layout id, the row's first bytes (or all of them), the row's whole length. */
type RowTuple = [number, number, Buffer, number];

interface TierStatements {
  range: Database.Statement<[number, number, number, number], RowTuple>;
  row: Database.Statement<[number], [number, Buffer] | undefined>;
  oldest: Database.Statement<[], number | null>;
  newest: Database.Statement<[], number | null>;
}

const rowBytes = (row: RowTuple) => row[2].byteLength + 16;
/** Longer than any row: `substr` returns the whole blob. */
const WHOLE = 2 ** 30;

export class TierReader {
  /** Rows read by every scan so far (a part of a wide row is not counted again). */
  rowsRead = 0;
  private readonly stmt = new Map<StoreTier, TierStatements>();
  readonly parts = new Map<RolledTier, RowParts>();
  private readonly scratch = new FloatScratch();

  constructor(
    db: Database.Database,
    private readonly registry: LayoutRegistry,
    private readonly buffer: WriteBuffer,
    private readonly watermarks: Watermarks,
  ) {
    for (const { name, table } of TIER_LIST) {
      this.stmt.set(name, {
        // Only the first bytes of each row when the series asked for sit there: a chart of a few
        // series leaves most of each blob in SQLite instead of copying it into a Buffer per row.
        // length() reads the record header, not the blob.
        range: db
          .prepare<[number, number, number, number], RowTuple>(
            `SELECT ts, layout, substr(data, 1, ?), length(data) FROM ${table} WHERE ts >= ? AND ts <= ? ORDER BY ts LIMIT ?`,
          )
          .raw(),
        row: db.prepare<[number], [number, Buffer] | undefined>(`SELECT layout, data FROM ${table} WHERE ts = ?`).raw(),
        oldest: db.prepare<[], number | null>(`SELECT min(ts) FROM ${table}`).pluck(),
        newest: db.prepare<[], number | null>(`SELECT max(ts) FROM ${table}`).pluck(),
      });
    }
    for (const { name } of ROLLED_TIERS) this.parts.set(name, new RowParts(db, name));
  }

  /** The oldest row of a tier's table (raw: or of the write buffer), or null when empty. */
  oldest(tier: StoreTier): number | null {
    const stored = this.stmt.get(tier)!.oldest.get() ?? null;
    if (tier !== 'raw' || stored !== null) return stored;
    return this.buffer.rows[0]?.ts ?? null;
  }

  newest(tier: StoreTier): number | null {
    if (tier === 'raw') {
      const pending = this.buffer.rows.at(-1);
      if (pending) return pending.ts;
    }
    return this.stmt.get(tier)!.newest.get() ?? null;
  }

  /** Raw values with from ≤ ts ≤ to, in time order, buffered rows included. */
  raw(from: number, to: number, index: SeriesIndex, sink: ValueSink): Scan {
    const newestStored = this.stmt.get('raw')!.newest.get() ?? Number.NEGATIVE_INFINITY;
    // Rows committed after this point were buffered now: read them from this copy, not twice.
    const pending = this.buffer.rows.filter((row) => row.ts > newestStored && row.ts >= from && row.ts <= to);
    const { range, row } = this.stmt.get('raw')!;
    const prefix = index.prefixBytes(this.registry.layouts(), false) ?? WHOLE;
    const cursor = new ChunkCursor<RowTuple>(
      (a, b, n) => range.all(prefix, a, b, n),
      from,
      Math.min(to, newestStored),
      rowBytes,
    );
    const visit = (ts: number, layout: Layout, data: Buffer, length = data.byteLength) => {
      if (data.byteLength < length && data.byteLength < index.wantedEnd(layout)) {
        // A layout another process added since the prefix was worked out: read that row whole
        // (with its layout again, in case the row changed meanwhile; gone: nothing to read).
        const whole = row.get(ts);
        if (!whole) return;
        layout = this.registry.byId(whole[0]);
        data = whole[1];
      }
      const pairs = index.wanted(layout);
      if (pairs.length === 0) return;
      const view = this.scratch.load(data);
      for (let i = 0; i < pairs.length; i += 2) sink(ts, pairs[i + 1]!, readValue(layout, data, pairs[i]!, view));
    };
    let stored = true;
    return {
      step: () => {
        if (stored) {
          const rows = cursor.next();
          if (rows) {
            for (const [ts, layoutId, data, length] of rows) visit(ts, this.registry.byId(layoutId), data, length);
            this.rowsRead += rows.length;
            return true;
          }
          stored = false;
        }
        for (const row of pending) visit(row.ts, row.layout, row.data);
        this.rowsRead += pending.length;
        return false;
      },
    };
  }

  /** Rollup rows of the tier's table only, with from ≤ ts ≤ to. */
  table(tier: RolledTier, from: number, to: number, index: SeriesIndex, sink: AggregateSink): Scan {
    const range = this.stmt.get(tier)!.range;
    const parts = this.parts.get(tier)!;
    const prefix = index.prefixBytes(this.registry.layouts(), true) ?? WHOLE;
    const cursor = new ChunkCursor<RowTuple>((a, b, n) => range.all(prefix, a, b, n), from, to, rowBytes);
    return {
      step: () => {
        const rows = cursor.next();
        if (!rows) return false;
        this.decodeAggregates(tier, rows, index, parts, sink);
        this.rowsRead += rows.length;
        return true;
      },
    };
  }

  /**
   * Buckets of a rollup tier that overlap [from, to]: stored rows up to the watermark, then the
   * newer data aggregated on the fly from the finer tier (the last bucket may still be filling).
   */
  aggregated(tier: RolledTier, from: number, to: number, index: SeriesIndex, sink: AggregateSink): Scan {
    const { ms, source } = tierInfo(tier);
    const alignedFrom = bucketStart(from, ms);
    const watermark = this.watermarks.get(tier);
    const tailStart = watermark === null ? alignedFrom : Math.max(alignedFrom, watermark);
    const scans: Scan[] = [];
    if (tailStart > alignedFrom) scans.push(this.table(tier, alignedFrom, Math.min(to, tailStart - 1), index, sink));
    if (tailStart > to) return new SequenceScan(scans);
    const acc = new BucketAccumulator(ms, sink);
    if (source === 'raw') scans.push(this.raw(tailStart, to, index, (ts, s, v) => acc.add(ts, s, v, v, v, 1)));
    else scans.push(this.aggregated(source as RolledTier, tailStart, to, index, acc.add.bind(acc)));
    return new SequenceScan(scans, () => acc.finish());
  }

  /** Synchronous forms, for readers whose ranges are small (history, rollups, exports by window). */
  scanRaw(from: number, to: number, index: SeriesIndex, sink: ValueSink): void {
    drain(this.raw(from, to, index, sink));
  }

  scanAggregated(tier: RolledTier, from: number, to: number, index: SeriesIndex, sink: AggregateSink): void {
    drain(this.aggregated(tier, from, to, index, sink));
  }

  private decodeAggregates(
    tier: RolledTier,
    rows: RowTuple[],
    index: SeriesIndex,
    parts: RowParts,
    sink: AggregateSink,
  ): void {
    const fetched = new Map<number, Map<number, Buffer>>();
    const partOf = (part: number, ts: number): Buffer | undefined => {
      let byTs = fetched.get(part);
      if (!byTs) {
        byTs = parts.read(part, rows[0]![0], rows[rows.length - 1]![0]);
        fetched.set(part, byTs);
      }
      return byTs.get(ts);
    };
    for (const [ts, layoutId, head, stored] of rows) {
      let layout = this.registry.byId(layoutId);
      let data = head;
      let length = stored;
      // A layout another process added since the prefix was worked out: read that row whole
      // (what the table holds of it: a row in parts keeps only its first part there).
      if (head.byteLength < Math.min(stored, index.wantedEnd(layout))) {
        const whole = this.stmt.get(tier)!.row.get(ts);
        if (!whole) continue;
        layout = this.registry.byId(whole[0]);
        data = whole[1];
        length = data.byteLength;
      }
      const pairs = index.wanted(layout);
      if (pairs.length === 0) continue;
      const split = length < layout.byteLength;
      let part = 0;
      let bytes: Buffer | undefined = data;
      let base = 0;
      let view: Float32Array | null = this.scratch.load(data);
      for (let i = 0; i < pairs.length; i += 2) {
        const position = pairs[i]!;
        if (split) {
          const wantedPart = Math.floor(position / PART_SERIES);
          if (wantedPart !== part) {
            part = wantedPart;
            bytes = part === 0 ? data : partOf(part, ts);
            base = partBytes(layout, part)[0];
            view = bytes ? this.scratch.load(bytes) : null;
          }
          if (!bytes) continue;
        }
        const at = (layout.offsets[position]! - base) >>> 2;
        sink(ts, pairs[i + 1]!, view![at]!, view![at + 1]!, view![at + 2]!, view![at + 3]!);
      }
    }
  }
}
