/**
 * Scans over a tier, one bounded chunk per `step()`: a query drains them at once (history, whose
 * reads are small), or a chunk at a time with a turn of the event loop in between (stats over
 * many rows, see pacer.ts). Each scan fixes what it will read when it is made (the newest stored
 * row, the rows still buffered, the rollup watermark), so commits and rollups in between never
 * make it read a row twice or skip one.
 *
 * @example
 * const scan = reader.aggregated('1m', from, to, index, sink);
 * while (scan.step()) await pacer.turn();
 */
import { noteBlobBytes } from './blob-garbage.js';

export interface Scan {
  /** Reads the next chunk; false once everything has been read. */
  step(): boolean;
}

/** Runs a scan to the end, synchronously. */
export function drain(scan: Scan): void {
  while (scan.step());
}

/** Scans one after the other, then `done` (e.g. an accumulator emitting its last bucket). */
export class SequenceScan implements Scan {
  private index = 0;

  constructor(
    private readonly scans: readonly Scan[],
    private readonly done: () => void = () => {},
  ) {}

  step(): boolean {
    while (this.index < this.scans.length) {
      if (this.scans[this.index]!.step()) return true;
      this.index++;
      // Hand back after each finished part: the caller decides whether to take a turn.
      if (this.index < this.scans.length) return true;
    }
    if (this.index === this.scans.length) {
      this.index++;
      this.done();
    }
    return false;
  }
}

/** Bytes a chunk of rows should come to: big enough to amortise a statement, small enough for memory. */
const CHUNK_BYTES = 1 << 20;
const MAX_CHUNK_ROWS = 4096;
const MIN_CHUNK_ROWS = 64;

/**
 * Reads rows of a table in ts order, chunk by chunk, through `fetch(from, to, limit)`; the chunk
 * shrinks when rows are wide, so a chunk of 845-series rows stays near 1 MB.
 */
export class ChunkCursor<R extends [number, ...unknown[]]> {
  private cursor: number;
  private limit = 512;

  constructor(
    private readonly fetch: (from: number, to: number, limit: number) => R[],
    from: number,
    private readonly to: number,
    private readonly bytesOf: (row: R) => number,
  ) {
    this.cursor = from;
  }

  /** The next chunk, or null when the range is done. */
  next(): R[] | null {
    if (this.cursor > this.to) return null;
    const rows = this.fetch(this.cursor, this.to, this.limit);
    if (rows.length < this.limit) this.cursor = Number.POSITIVE_INFINITY;
    else this.cursor = rows[rows.length - 1]![0] + 1;
    if (rows.length > 0) {
      const bytes = this.bytesOf(rows[0]!) + this.bytesOf(rows[rows.length - 1]!);
      const perRow = Math.max(1, bytes / 2);
      this.limit = Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_BYTES / perRow)));
      noteBlobBytes(perRow * rows.length);
    }
    return rows.length > 0 ? rows : null;
  }
}
