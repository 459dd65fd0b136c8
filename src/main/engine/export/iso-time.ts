/**
 * ISO 8601 UTC timestamps with milliseconds (`2026-01-01T00:00:05.250Z`), written as bytes.
 * Consecutive rows share their minute, so the `YYYY-MM-DDTHH:MM:` prefix comes from one
 * `toISOString` per minute and only seconds and milliseconds are written per row.
 *
 * @example
 * const iso = new IsoTime();
 * iso.write(out, Date.UTC(2026, 0, 1, 6, 30, 5, 250)); // 2026-01-01T06:30:05.250Z
 * isoString(0) // '1970-01-01T00:00:00.000Z'
 */
import type { ByteChunk } from './byte-chunk.js';

const MINUTE_MS = 60_000;
/** `SS.mmmZ`: what follows the cached prefix. */
const TAIL = 7;

export class IsoTime {
  private minute = Number.NaN;
  private prefix = '';

  /** Writes the timestamp; at most 30 bytes (years beyond 9999 take a longer form). */
  write(out: ByteChunk, ts: number): void {
    const minute = Math.floor(ts / MINUTE_MS) * MINUTE_MS;
    if (minute !== this.minute) {
      this.minute = minute;
      const full = new Date(minute).toISOString();
      this.prefix = full.slice(0, full.length - TAIL);
    }
    out.ascii(this.prefix);
    const within = ts - minute;
    const seconds = (within / 1000) | 0;
    const ms = within - seconds * 1000;
    const buf = out.buf;
    let p = out.pos;
    buf[p++] = 48 + ((seconds / 10) | 0);
    buf[p++] = 48 + (seconds % 10);
    buf[p++] = 46;
    buf[p++] = 48 + ((ms / 100) | 0);
    buf[p++] = 48 + (((ms / 10) | 0) % 10);
    buf[p++] = 48 + (ms % 10);
    buf[p++] = 90;
    out.pos = p;
  }
}

/** The same text as a string (JSON headers, file names). */
export function isoString(ts: number): string {
  return new Date(ts).toISOString();
}
