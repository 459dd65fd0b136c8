/**
 * NDJSON: one JSON object per line, `{"ts":"<ISO>","ts_ms":<ms>,"<column>":<value>,…}`.
 * Missing values are left out (a line holds only what was measured). Keys are encoded once.
 *
 * @example
 * // {"ts":"2026-01-01T00:00:00.000Z","ts_ms":1767225600000,"cpu.total_pct":12.5}
 */
import type { ByteChunk } from './byte-chunk.js';
import { TIME_COLUMNS } from './columns.js';
import { IsoTime } from './iso-time.js';
import { writeFloat32, writeFloat64, writeInteger } from './float-text.js';
import { FLOAT32, MISSING, type RowCells } from './row-cells.js';
import { MAX_TIME_BYTES, MAX_VALUE_BYTES, type FormatHeader, type RowFormat } from './row-format.js';

const LF = 0x0a;
const TS_OPEN = Buffer.from('{"ts":"');
const TS_MS = Buffer.from('","ts_ms":');
const CLOSE = 0x7d;

export class NdjsonFormat implements RowFormat {
  readonly columns: readonly string[];
  readonly maxRowBytes: number;
  private readonly keys: readonly Buffer[];
  private readonly iso = new IsoTime();

  constructor(header: FormatHeader) {
    this.columns = [...TIME_COLUMNS, ...header.valueColumns];
    // `,"name":` per value column, JSON-escaped (entity names may hold quotes or backslashes).
    this.keys = header.valueColumns.map((name) => Buffer.from(`,${JSON.stringify(name)}:`));
    this.maxRowBytes = this.keys.reduce((sum, key) => sum + key.length + MAX_VALUE_BYTES, MAX_TIME_BYTES);
  }

  begin(): void {}

  row(out: ByteChunk, ts: number, cells: RowCells): void {
    out.room(this.maxRowBytes);
    out.bytes(TS_OPEN);
    this.iso.write(out, ts);
    out.bytes(TS_MS);
    writeInteger(out, ts);
    const { kinds, values, size } = cells;
    const keys = this.keys;
    for (let i = 0; i < size; i++) {
      const kind = kinds[i];
      if (kind === MISSING) continue;
      out.bytes(keys[i]!);
      if (kind === FLOAT32) writeFloat32(out, values[i]!);
      else writeFloat64(out, values[i]!);
    }
    out.byte(CLOSE);
    out.byte(LF);
  }

  end(): void {}
}
