/**
 * An exact quantile over a stream too large to hold (a week of raw values for 45 series would
 * need ~100 MB), in two passes with 256 KB per series: pass 1 counts values by the top 16 bits
 * of their order-preserving float32 key, pass 2 counts the low 16 bits inside the one bucket
 * holding the wanted rank. Same rule as `quantileSorted` below (linear between closest ranks, "type 7").
 * Values are taken as float32, which is how the store keeps them (counters lose precision here).
 *
 * @example
 * const q = new TwoPassQuantile(0.95);
 * for (const v of values) q.first(v);
 * if (q.needsSecondPass()) for (const v of values) q.second(v);
 * q.value() // the 95th percentile
 */

/**
 * The q-quantile of sorted values with linear interpolation between closest ranks
 * (the "type 7" rule of R and NumPy), so small windows give stable figures.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, n - 1);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/** Up to this many values are simply kept and sorted. */
const SMALL = 4096;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Maps a float32 to a uint32 that sorts in the same order. */
function keyOf(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

function valueOf(key: number): number {
  u32[0] = key & 0x80000000 ? key & 0x7fffffff : ~key >>> 0;
  return f32[0]!;
}

export class TwoPassQuantile {
  private n = 0;
  private small: Float64Array | null = new Float64Array(64);
  private hist: Uint32Array | null = null;
  /** Pass-2 targets: the top bucket holding the lower rank, and the next non-empty one. */
  private bucket = -1;
  private rankInBucket = 0;
  private needHigh = false;
  private nextBucket = -1;
  private nextMin = Number.POSITIVE_INFINITY;
  private weight = 0;

  constructor(private readonly q: number) {}

  get count(): number {
    return this.n;
  }

  first(value: number): void {
    if (this.small) {
      if (this.n === this.small.length) {
        if (this.n < SMALL) {
          const bigger = new Float64Array(this.n * 2);
          bigger.set(this.small);
          this.small = bigger;
        } else {
          this.hist = new Uint32Array(65536);
          for (let i = 0; i < this.n; i++) this.hist[keyOf(this.small[i]!) >>> 16]!++;
          this.small = null;
        }
      }
      if (this.small) {
        this.small[this.n++] = value;
        return;
      }
    }
    this.hist![keyOf(value) >>> 16]!++;
    this.n++;
  }

  /** True when `second` must see every value again; prepares pass 2. */
  needsSecondPass(): boolean {
    if (this.small || this.n === 0 || !this.hist) return false;
    const position = (this.n - 1) * this.q;
    const low = Math.floor(position);
    const high = Math.min(low + 1, this.n - 1);
    this.weight = position - low;
    let before = 0;
    let b = 0;
    while (before + this.hist[b]! <= low) before += this.hist[b++]!;
    this.bucket = b;
    this.rankInBucket = low - before;
    this.needHigh = high - before >= this.hist[b]!;
    if (this.needHigh) {
      let next = b + 1;
      while (this.hist[next] === 0) next++;
      this.nextBucket = next;
    }
    this.hist.fill(0);
    return true;
  }

  second(value: number): void {
    const key = keyOf(value);
    const top = key >>> 16;
    if (top === this.bucket) this.hist![key & 0xffff]!++;
    else if (top === this.nextBucket) this.nextMin = Math.min(this.nextMin, valueOf(key));
  }

  /** The quantile; NaN when no values were seen. */
  value(): number {
    if (this.n === 0) return Number.NaN;
    if (this.small) return quantileSorted(this.small.subarray(0, this.n).sort(), this.q);
    const hist = this.hist!;
    let seen = 0;
    let low = 0;
    while (seen + hist[low]! <= this.rankInBucket) seen += hist[low++]!;
    const lowValue = valueOf(((this.bucket << 16) | low) >>> 0);
    let highValue: number;
    if (this.needHigh) highValue = this.nextMin;
    else {
      let high = low;
      while (seen + hist[high]! <= this.rankInBucket + 1) seen += hist[high++]!;
      highValue = valueOf(((this.bucket << 16) | high) >>> 0);
    }
    return lowValue * (1 - this.weight) + highValue * this.weight;
  }
}
