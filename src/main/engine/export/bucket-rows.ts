/**
 * Turns the per-series callbacks of `store.scanBuckets` (bucket start, series, min, avg, max,
 * count) into one RowCells row per bucket: avg, min, max per series, in column order.
 *
 * A bucket's series arrive together and buckets arrive in time order, so a row is complete when
 * the bucket start changes (or at `finish`); only one row is held at a time. Values are written
 * at float32 precision whether the bucket was rolled up already (stored as float32) or is the
 * newest one aggregated on the fly, so a bucket reads the same before and after its rollup.
 *
 * @example
 * const rows = new BucketRows(keys.length, (ts, cells) => format.row(out, ts, cells));
 * store.scanBuckets('1m', from, to, keys, rows.sink);
 * rows.finish();
 */
import type { AggregateSink } from '../store/bucket-accumulator.js';
import { AGGREGATE_PARTS } from './columns.js';
import { FLOAT32, RowCells } from './row-cells.js';

export type RowHandler = (ts: number, cells: RowCells) => void;

const PARTS = AGGREGATE_PARTS.length;

export class BucketRows {
  readonly cells: RowCells;
  /** Rows emitted so far. */
  rows = 0;
  private current = Number.NaN;

  constructor(
    seriesCount: number,
    private readonly onRow: RowHandler,
  ) {
    this.cells = new RowCells(seriesCount * PARTS);
    this.cells.clear();
  }

  /** Pass to `store.scanBuckets`; series numbers are positions in the exported key list. */
  readonly sink: AggregateSink = (start, series, min, avg, max) => {
    if (start !== this.current) {
      this.finish();
      this.current = start;
    }
    const cell = series * PARTS;
    const { values, kinds } = this.cells;
    values[cell] = Math.fround(avg);
    values[cell + 1] = Math.fround(min);
    values[cell + 2] = Math.fround(max);
    kinds[cell] = FLOAT32;
    kinds[cell + 1] = FLOAT32;
    kinds[cell + 2] = FLOAT32;
  };

  /** Emits the bucket in progress, if any. Call after each scan window. */
  finish(): void {
    if (Number.isNaN(this.current)) return;
    this.onRow(this.current, this.cells);
    this.rows++;
    this.cells.clear();
    this.current = Number.NaN;
  }
}
