/**
 * Decimal text for stored values, written straight into a ByteChunk.
 *
 * Gauges are stored as float32. `String(v)` of a float32 widened to a double prints binary noise
 * (12.3 → 12.300000190734863), and `roundF32` (7 significant digits) does not always parse back
 * to the same float32. So a float32 is written with the fewest of 7, 8 or 9 significant digits
 * whose decimal parses back (through a double, then Math.fround) to exactly the stored value;
 * 9 digits always do. Digits come from integer arithmetic, not toPrecision, because this runs
 * once per value of the export. Counters are float64 and are written exactly (`String(v)`).
 *
 * @example
 * formatFloat32(Math.fround(12.3)) // '12.3'
 * formatFloat32(Math.fround(-0.000123)) // '-0.000123'
 * formatFloat64(1e12 + 0.5) // '1000000000000.5'
 */
import { ByteChunk, POW10 } from './byte-chunk.js';

/** Largest integer written by digit arithmetic; larger ones go through String(). */
const MAX_EXACT = 2 ** 53;
/** Values below 10^-15 take the slow path (they do not occur in practice). */
const MIN_MAGNITUDE = -15;
/** 10^-i as the parser reads `1e-i`, to find the magnitude of values below 1 without Math.log10. */
const NEG_POW10: readonly number[] = Array.from({ length: 1 - MIN_MAGNITUDE }, (_, i) => Number(`1e-${i}`));

/** Writes an integer-valued number exactly. */
export function writeInteger(out: ByteChunk, value: number): void {
  if (value < 0) {
    if (value > -MAX_EXACT) {
      out.byte(45);
      out.uint(-value);
    } else out.ascii(String(value));
  } else if (value < MAX_EXACT) out.uint(value);
  else out.ascii(String(value));
}

/** Writes a float64 value exactly (shortest round-trip decimal); at most 24 bytes. */
export function writeFloat64(out: ByteChunk, value: number): void {
  if (Number.isInteger(value)) writeInteger(out, value);
  else out.ascii(String(value));
}

/**
 * Writes a float32 value (a double holding one) with the fewest of 7–9 significant digits that
 * round-trip to it; at most 25 bytes.
 */
export function writeFloat32(out: ByteChunk, value: number): void {
  // Every float32 of magnitude ≥ 2^23 is an integer, as are many byte counts: no fraction to find.
  if (Number.isInteger(value) && value < MAX_EXACT && value > -MAX_EXACT) {
    writeInteger(out, value);
    return;
  }
  let abs = value;
  if (value < 0) {
    out.byte(45);
    abs = -value;
  }
  let magnitude = 0;
  if (abs >= 1) {
    while (abs >= POW10[magnitude + 1]!) magnitude++;
  } else {
    while (magnitude > MIN_MAGNITUDE && abs < NEG_POW10[-magnitude]!) magnitude--;
  }
  // Digits after the point for 7 significant digits, then 8 (none after the point cannot be it).
  for (let decimals = Math.max(1, 6 - magnitude); decimals <= 7 - magnitude && decimals <= 22; decimals++) {
    const scale = POW10[decimals]!;
    const m = Math.round(abs * scale);
    // m / scale is the double a parser makes of the decimal we would write: check it exactly.
    if (Math.fround(m / scale) === abs) {
      writeScaled(out, m, decimals);
      return;
    }
  }
  // Rare (tiny magnitudes, or values needing 9 digits): 9 significant digits always round-trip.
  out.ascii(String(Number(abs.toPrecision(9))));
}

/**
 * Writes m / 10^decimals (m < 10^9, so int32 arithmetic applies) as `int.frac` or `0.00frac`,
 * trailing zeros dropped, in one backwards pass over the digits.
 */
function writeScaled(out: ByteChunk, scaled: number, decimals: number): void {
  let m = scaled | 0;
  let places = decimals;
  while (places > 0 && m % 10 === 0) {
    m = (m / 10) | 0;
    places--;
  }
  let digits = 1;
  while (m >= POW10[digits]!) digits++;
  const buf = out.buf;
  let p = out.pos;
  if (digits <= places) {
    buf[p++] = 48;
    buf[p++] = 46;
    for (let z = places - digits; z > 0; z--) buf[p++] = 48;
    places = 0;
  }
  const end = p + digits + (places > 0 ? 1 : 0);
  let q = end;
  for (let k = 0; k < places; k++) {
    const next = (m / 10) | 0;
    buf[--q] = 48 + m - next * 10;
    m = next;
  }
  if (places > 0) buf[--q] = 46;
  while (q > p) {
    const next = (m / 10) | 0;
    buf[--q] = 48 + m - next * 10;
    m = next;
  }
  out.pos = end;
}

const scratch = new ByteChunk(64);

/** The text `writeFloat32` writes, as a string (for tests and small callers). */
export function formatFloat32(value: number): string {
  scratch.pos = 0;
  writeFloat32(scratch, value);
  return scratch.buf.toString('latin1', 0, scratch.pos);
}

/** The text `writeFloat64` writes, as a string. */
export function formatFloat64(value: number): string {
  scratch.pos = 0;
  writeFloat64(scratch, value);
  return scratch.buf.toString('latin1', 0, scratch.pos);
}
