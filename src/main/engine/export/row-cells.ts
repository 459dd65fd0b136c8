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
import type { ByteChunk } from './byte-chunk.js';
import { writeFloat32, writeFloat64 } from './float-text.js';

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

/**
 * Writes a row's values, each after a comma, in the formats' shared spelling; a missing value
 * writes `missing` (nothing for CSV, `null` for JSON). Hot path: no allocation per value.
 */
export function writeCells(out: ByteChunk, cells: RowCells, missing: Uint8Array | null): void {
  const { kinds, values, size } = cells;
  for (let i = 0; i < size; i++) {
    out.buf[out.pos++] = 0x2c;
    const kind = kinds[i];
    if (kind === FLOAT32) writeFloat32(out, values[i]!);
    else if (kind === FLOAT64) writeFloat64(out, values[i]!);
    else if (missing) out.bytes(missing);
  }
}
