/**
 * JSON: one document, streamed in pieces.
 *
 * ```json
 * { "host": "box", "from": "2026-01-01T00:00:00.000Z", "to": "2026-01-01T00:59:59.999Z",
 *   "resolution": "raw", "columns": ["ts_ms", "cpu.total_pct", …],
 *   "rows": [[1767225600000, 12.5, …], …] }
 * ```
 *
 * Rows are arrays in `columns` order (far smaller than objects); they hold `ts_ms` but not the
 * ISO `ts` column, which is derivable and would double the size of narrow exports. A missing
 * value is `null`. One row per line, so the file also reads well in a text editor.
 *
 * @example
 * JSON.parse(text).rows[0] // [1767225600000, 12.5, null]
 */
import type { ByteChunk } from './byte-chunk.js';
import { isoString } from './iso-time.js';
import { writeInteger } from './float-text.js';
import { writeCells, type RowCells } from './row-cells.js';
import { MAX_TIME_BYTES, MAX_VALUE_BYTES, type FormatHeader, type RowFormat } from './row-format.js';

const COMMA = 0x2c;
const LF = 0x0a;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const NULL = Buffer.from('null');

export class JsonFormat implements RowFormat {
  readonly columns: readonly string[];
  readonly maxRowBytes: number;
  private readonly header: FormatHeader;
  private first = true;

  constructor(header: FormatHeader) {
    this.header = header;
    this.columns = ['ts_ms', ...header.valueColumns];
    this.maxRowBytes = MAX_TIME_BYTES + header.valueColumns.length * MAX_VALUE_BYTES;
  }

  begin(out: ByteChunk): void {
    const { host, from, to, resolution } = this.header;
    const head = [
      `"host":${JSON.stringify(host)}`,
      `"from":"${isoString(from)}"`,
      `"to":"${isoString(to)}"`,
      `"resolution":"${resolution}"`,
      `"columns":${JSON.stringify(this.columns)}`,
    ];
    out.text(`{${head.join(',')},"rows":[`);
  }

  row(out: ByteChunk, ts: number, cells: RowCells): void {
    out.room(this.maxRowBytes);
    if (!this.first) out.byte(COMMA);
    this.first = false;
    out.byte(LF);
    out.byte(OPEN);
    writeInteger(out, ts);
    writeCells(out, cells, NULL);
    out.byte(CLOSE);
  }

  end(out: ByteChunk): void {
    out.text(this.first ? ']}\n' : '\n]}\n');
  }
}
