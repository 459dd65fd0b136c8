/**
 * A growable byte buffer that export rows are written into directly, as UTF-8/ASCII bytes.
 * Building a chunk of thousands of rows in one buffer, with digits written by integer arithmetic,
 * avoids a string per value: that is what lets the CSV export keep up with `sqlite3 -csv`.
 *
 * Writers call `room(n)` once per row with an upper bound of the row's size; the single-byte and
 * digit methods then write without bounds checks.
 *
 * @example
 * const out = new ByteChunk();
 * out.room(32);
 * out.ascii('ts_ms');
 * out.byte(0x2c); // ','
 * out.uint(1767225600000);
 * out.take().toString() // 'ts_ms,1767225600000'
 */

/** Exact powers of ten (10^0 … 10^22 are exactly representable doubles). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

const INITIAL_BYTES = 1 << 20;

export class ByteChunk {
  /** The current buffer; bytes [0, pos) are written. Public so number writers can inline. */
  buf: Buffer;
  pos = 0;

  constructor(capacity = INITIAL_BYTES) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.pos;
  }

  /** Makes sure `bytes` more bytes fit, growing (and copying) when they do not. */
  room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  byte(code: number): void {
    this.buf[this.pos++] = code;
  }

  /** Writes a string known to be ASCII (timestamps, numbers from String()); no room check. */
  ascii(text: string): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes any string as UTF-8 (column names hold user-controlled entity names); checks room. */
  text(text: string): void {
    this.room(Buffer.byteLength(text));
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Copies prepared bytes (e.g. an NDJSON key); no room check. */
  bytes(data: Uint8Array): void {
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Writes a non-negative integer below 2^53 in decimal; no room check (at most 16 bytes). */
  uint(value: number): void {
    let digits = 1;
    while (digits < 16 && value >= POW10[digits]!) digits++;
    const buf = this.buf;
    let p = this.pos + digits;
    this.pos = p;
    if (value < 0x80000000) {
      // Int32 arithmetic while it fits: several times faster than float division.
      let x = value | 0;
      do {
        const q = (x / 10) | 0;
        buf[--p] = 48 + x - q * 10;
        x = q;
      } while (x > 0);
    } else {
      let x = value;
      do {
        const q = Math.floor(x / 10);
        buf[--p] = 48 + x - q * 10;
        x = q;
      } while (x > 0);
    }
  }

  /** Writes `count` ASCII zeros; no room check. */
  zeros(count: number): void {
    const buf = this.buf;
    for (let i = 0; i < count; i++) buf[this.pos++] = 48;
  }

  /**
   * Hands over the bytes written so far and starts a fresh buffer, so the caller may keep the
   * returned bytes (a stream can hold them after `write` returns) while the next chunk is built.
   */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }
}
