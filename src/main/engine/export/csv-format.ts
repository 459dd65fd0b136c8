/**
 * CSV (RFC 4180): a header row, then `ts,ts_ms,<values…>` per row, CRLF line ends. A missing
 * value is an empty cell. Header cells go through csvText (quoting and formula neutralising);
 * values are plain numbers and timestamps never need quoting.
 *
 * @example
 * // ts,ts_ms,cpu.total_pct,load.1
 * // 2026-01-01T00:00:00.000Z,1767225600000,12.5,0.42
 */
import type { ByteChunk } from './byte-chunk.js';
import { csvLine } from './csv-text.js';
import { IsoTime } from './iso-time.js';
import { TIME_COLUMNS } from './columns.js';
import { writeInteger } from './float-text.js';
import { writeCells, type RowCells } from './row-cells.js';
import { MAX_TIME_BYTES, MAX_VALUE_BYTES, type FormatHeader, type RowFormat } from './row-format.js';

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export class CsvFormat implements RowFormat {
  readonly columns: readonly string[];
  readonly maxRowBytes: number;
  private readonly iso = new IsoTime();

  constructor(header: FormatHeader) {
    this.columns = [...TIME_COLUMNS, ...header.valueColumns];
    this.maxRowBytes = MAX_TIME_BYTES + header.valueColumns.length * MAX_VALUE_BYTES;
  }

  begin(out: ByteChunk): void {
    out.text(csvLine(this.columns));
  }

  row(out: ByteChunk, ts: number, cells: RowCells): void {
    out.room(this.maxRowBytes);
    this.iso.write(out, ts);
    out.byte(COMMA);
    writeInteger(out, ts);
    writeCells(out, cells, null);
    out.byte(CR);
    out.byte(LF);
  }

  end(): void {}
}
