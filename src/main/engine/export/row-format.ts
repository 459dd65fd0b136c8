/**
 * The shape every export format shares: a header written once, one row per sample or bucket,
 * a footer. Formats write bytes into a ByteChunk (see byte-chunk.ts for why), and reserve room
 * once per row from `maxRowBytes` so the digit writers need no bounds checks. The formats are
 * csv-format.ts, json-format.ts and ndjson-format.ts; create-format.ts picks one.
 *
 * @example
 * const format: RowFormat = createFormat('csv', { host, from, to, resolution: 'raw', valueColumns });
 * format.begin(out);
 * format.row(out, ts, cells);
 * format.end(out);
 */
import type { Tier } from '../../../shared/queries.js';
import type { ByteChunk } from './byte-chunk.js';
import type { RowCells } from './row-cells.js';

/** What a format's header needs to know. */
export interface FormatHeader {
  readonly host: string;
  readonly from: number;
  readonly to: number;
  readonly resolution: Tier;
  /** Names of the value columns, in cell order (see columns.ts). */
  readonly valueColumns: readonly string[];
}

export interface RowFormat {
  /** Column names as written: the CSV header, JSON `columns`, NDJSON keys. */
  readonly columns: readonly string[];
  /** An upper bound of the bytes one row takes. */
  readonly maxRowBytes: number;
  begin(out: ByteChunk): void;
  row(out: ByteChunk, ts: number, cells: RowCells): void;
  end(out: ByteChunk): void;
}

/** Bytes a value and its separator can take (`-1.2345678901234567e+308` is 24), with slack. */
export const MAX_VALUE_BYTES = 32;
/** An ISO timestamp (27 bytes for years beyond 9999), an epoch ms number and punctuation, with slack. */
export const MAX_TIME_BYTES = 80;
