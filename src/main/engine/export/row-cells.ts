/**
 * One export row's values between the readers (raw rows, rollup buckets) and the formats (CSV,
 * JSON, NDJSON): typed arrays reused for every row, so passing a row allocates nothing.
 *
 * @example
 * const cells = new RowCells(3);
 * cells.clear();
 * cells.set(0, Math.fround(12.3), FLOAT32);
 * cells.kinds[1] === MISSING // true: an empty CSV cell, JSON null, left out of NDJSON
 */

/** No value in this row. */
export const MISSING = 0;
/** Stored as float32: written with the fewest digits that round-trip to it. */
export const FLOAT32 = 1;
/** Stored as float64 (counters): written exactly. */
export const FLOAT64 = 2;

export type CellKind = typeof MISSING | typeof FLOAT32 | typeof FLOAT64;

export class RowCells {
  readonly values: Float64Array;
  readonly kinds: Uint8Array;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
    this.kinds = new Uint8Array(size);
  }

  /** Marks every cell missing. */
  clear(): void {
    this.kinds.fill(MISSING);
  }

  set(cell: number, value: number, kind: CellKind): void {
    this.values[cell] = value;
    this.kinds[cell] = kind;
  }
}
