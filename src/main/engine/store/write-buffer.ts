/**
 * Samples and gaps waiting for the next commit, already encoded (about 200 bytes a row).
 * Bounded: while the disk is full the oldest rows are dropped beyond the limit, and counted.
 *
 * @example
 * const buffer = new WriteBuffer(3600);
 * buffer.push({ ts, layout, data });
 * const rows = buffer.rows; // oldest first
 * buffer.clear();
 */
import type { Gap } from '../../../shared/sample.js';
import type { Layout } from './codec.js';

export interface PendingRow {
  ts: number;
  readonly layout: Layout;
  readonly data: Buffer;
}

export class WriteBuffer {
  private pending: PendingRow[] = [];
  private gapList: Gap[] = [];
  private droppedRows = 0;

  constructor(private readonly maxRows: number) {}

  /** Oldest first; timestamps strictly increase. */
  get rows(): readonly PendingRow[] {
    return this.pending;
  }

  get gaps(): readonly Gap[] {
    return this.gapList;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Rows dropped so far because the buffer was full (the commit kept failing). */
  get dropped(): number {
    return this.droppedRows;
  }

  /** Adds a row; returns how many old rows were dropped to make room (0 normally). */
  push(row: PendingRow): number {
    this.pending.push(row);
    const excess = this.pending.length - this.maxRows;
    if (excess <= 0) return 0;
    this.pending.splice(0, excess);
    this.droppedRows += excess;
    return excess;
  }

  pushGap(gap: Gap): void {
    this.gapList.push(gap);
  }

  hasGapEndingAt(ts: number): boolean {
    return this.gapList.some((gap) => gap.to === ts);
  }

  /** Rows with from <= ts <= to, oldest first. */
  rowsInRange(from: number, to: number): PendingRow[] {
    return this.pending.filter((row) => row.ts >= from && row.ts <= to);
  }

  /** Forgets the first `rows` rows and `gaps` gaps (they were committed). */
  clear(rows = this.pending.length, gaps = this.gapList.length): void {
    this.pending.splice(0, rows);
    this.gapList.splice(0, gaps);
  }
}
