/**
 * Row layouts and the binary packing of values into row blobs.
 *
 * A layout is the ordered list of series a row holds, each with a storage width: 4 (float32)
 * for ordinary metrics, 8 (float64) for monotonic counters, whose byte totals outgrow float32's
 * 24-bit mantissa, and 16 for rollup rows (min, avg, max, count as float32). Series are ordered
 * by key so that a blob's bytes depend only on the keys, not on catalogue ids; that lets
 * `append` encode without touching the database.
 *
 * @example
 * const layout = Layout.forValues({ 'cpu.total': 12.5, 'net.rx_total[eth0]': 1e12 });
 * const blob = encodeValues(layout, { 'cpu.total': 12.5, 'net.rx_total[eth0]': 1e12 });
 * decodeValues(layout, blob) // { 'cpu.total': 12.5, 'net.rx_total[eth0]': 1e12 }
 */
import { metricInfo } from '../../../shared/metrics.js';

export type Width = 4 | 8 | 16;

/** Bytes one series takes in a raw row: float64 for counters, float32 otherwise. */
export function rawWidth(key: string): 4 | 8 {
  return metricInfo(key)?.counter === true ? 8 : 4;
}

/** True for series stored with full float64 precision (so shown unrounded). */
export function isCounter(key: string): boolean {
  return rawWidth(key) === 8;
}

export class Layout {
  /** The catalogue id once persisted; null while only in memory. */
  id: number | null = null;
  readonly offsets: Uint32Array;
  readonly byteLength: number;
  readonly index: ReadonlyMap<string, number>;
  /** Identity of the shape, independent of catalogue ids. */
  readonly shape: string;

  constructor(
    readonly keys: readonly string[],
    readonly widths: readonly Width[],
  ) {
    this.offsets = new Uint32Array(keys.length);
    const index = new Map<string, number>();
    let offset = 0;
    keys.forEach((key, i) => {
      this.offsets[i] = offset;
      offset += widths[i]!;
      index.set(key, i);
    });
    this.byteLength = offset;
    this.index = index;
    this.shape = shapeOf(keys, widths);
  }

  /** The raw layout of a sample's finite values (keys sorted). */
  static forValues(values: Readonly<Record<string, number>>): Layout {
    const keys = finiteKeys(values).sort();
    return new Layout(keys, keys.map(rawWidth));
  }

  /** A rollup layout: 16 bytes per series. */
  static aggregate(keys: readonly string[]): Layout {
    const sorted = [...keys].sort();
    return new Layout(
      sorted,
      sorted.map(() => 16 as const),
    );
  }

  get aggregated(): boolean {
    return this.widths[0] === 16;
  }
}

export function shapeOf(keys: readonly string[], widths: readonly number[]): string {
  return keys.map((key, i) => `${widths[i]}:${key}`).join('\n');
}

/** Keys with finite values, in object order. NaN and infinities mean "not measured". */
export function finiteKeys(values: Readonly<Record<string, number>>): string[] {
  const keys: string[] = [];
  for (const key in values) {
    const value = values[key];
    if (typeof value === 'number' && Number.isFinite(value)) keys.push(key);
  }
  return keys;
}

/** Packs a raw row, little-endian, per the layout. Every layout key must be finite in `values`. */
export function encodeValues(layout: Layout, values: Readonly<Record<string, number>>): Buffer {
  const buf = Buffer.allocUnsafe(layout.byteLength);
  for (let i = 0; i < layout.keys.length; i++) {
    const value = values[layout.keys[i]!]!;
    if (layout.widths[i] === 8) buf.writeDoubleLE(value, layout.offsets[i]!);
    else buf.writeFloatLE(value, layout.offsets[i]!);
  }
  return buf;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A float32 view of a row blob, or null when the bytes are not 4-aligned. Blobs read from
 * SQLite each own an ArrayBuffer, so the view is almost always possible, and reading through
 * it is several times faster than Buffer.readFloatLE.
 */
export function floatView(data: Uint8Array): Float32Array | null {
  if (!LITTLE_ENDIAN || (data.byteOffset & 3) !== 0 || (data.byteLength & 3) !== 0) return null;
  return new Float32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
}

/**
 * Float32 reads of row blobs through one reusable buffer: a row's bytes are copied in (a few
 * hundred bytes) instead of a view being made per row, which on a scan of thousands of rows is
 * an allocation per row for the garbage collector. The view is valid until the next `load`.
 *
 * @example
 * const scratch = new FloatScratch();
 * const view = scratch.load(data); // view[offset >>> 2] is the float32 at `offset`
 */
export class FloatScratch {
  private bytes = new Uint8Array(1024);
  private floats = new Float32Array(this.bytes.buffer);

  load(data: Uint8Array): Float32Array {
    if (data.byteLength > this.bytes.byteLength) {
      this.bytes = new Uint8Array(Math.max(data.byteLength, this.bytes.byteLength * 2));
      this.floats = new Float32Array(this.bytes.buffer);
    }
    this.bytes.set(data);
    return this.floats;
  }
}

/** Reads the i-th value of a raw row; pass the row's floatView when there is one. */
export function readValue(layout: Layout, data: Uint8Array, i: number, view: Float32Array | null = null): number {
  const offset = layout.offsets[i]!;
  if (layout.widths[i] === 8) return (data as Buffer).readDoubleLE(offset);
  return view ? view[offset >>> 2]! : (data as Buffer).readFloatLE(offset);
}

/** Unpacks a raw row into a values record; float32 values are rounded for display. */
export function decodeValues(layout: Layout, data: Uint8Array): Record<string, number> {
  const values: Record<string, number> = {};
  for (let i = 0; i < layout.keys.length; i++) {
    const value = readValue(layout, data, i);
    values[layout.keys[i]!] = layout.widths[i] === 8 ? value : roundF32(value);
  }
  return values;
}

/** One series of a rollup row. */
export interface Aggregate {
  min: number;
  avg: number;
  max: number;
  count: number;
}

/** Packs a rollup row: per series min, avg, max, count as float32. */
export function encodeAggregates(layout: Layout, aggregates: readonly Aggregate[]): Buffer {
  const buf = Buffer.allocUnsafe(layout.byteLength);
  aggregates.forEach((a, i) => {
    const offset = layout.offsets[i]!;
    buf.writeFloatLE(a.min, offset);
    buf.writeFloatLE(a.avg, offset + 4);
    buf.writeFloatLE(a.max, offset + 8);
    buf.writeFloatLE(a.count, offset + 12);
  });
  return buf;
}

/** Unpacks a rollup row (no rounding: callers aggregate further). */
export function decodeAggregates(layout: Layout, data: Uint8Array): Aggregate[] {
  const buf = data as Buffer;
  return layout.keys.map((_, i) => {
    const offset = layout.offsets[i]!;
    return {
      min: buf.readFloatLE(offset),
      avg: buf.readFloatLE(offset + 4),
      max: buf.readFloatLE(offset + 8),
      count: buf.readFloatLE(offset + 12),
    };
  });
}

/**
 * Rounds to 7 significant digits: a float32 holds about 7.2, so this drops only the binary
 * noise (12.3 comes back as 12.3, not 12.300000190734863) and keeps JSON answers small.
 * Integers are left alone: large float32 values are whole numbers (bytes) and read best exact.
 */
export function roundF32(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const exponent = 6 - magnitude;
  if (exponent >= 0) {
    const scale = POW10[exponent] ?? 10 ** exponent;
    return Math.round(value * scale) / scale;
  }
  // Dividing by an exact power of ten keeps the result a whole number.
  const step = POW10[-exponent] ?? 10 ** -exponent;
  return Math.round(value / step) * step;
}

/** Exact powers of ten, cheaper than `**` on the history path (one rounding per point). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
