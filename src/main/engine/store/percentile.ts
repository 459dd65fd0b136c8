/**
 * Quantiles: the exact rule for values in memory (`quantileSorted`, used by the rolling windows),
 * and `QuantileSketch` for a range too long to hold, in memory that does not grow with it.
 *
 * QuantileSketch keeps the first EXACT_VALUES values and answers exactly (same rule as
 * `quantileSorted`); past that it feeds them into a DDSketch (@datadog/sketches-js) with 1 %
 * relative accuracy, whose answer is within 1 % of a true reading at that rank. Its bins span
 * the values' range in 2 % steps (a few hundred bins for a percentage or a rate, 1,700 at most
 * for values from 0.001 to 10^12), a few KB per series however long the range, and one pass: `stats` over 845 series costs a few MB and reads
 * each row once.
 *
 * @example
 * const q = new QuantileSketch(0.95);
 * for (const v of values) q.add(v);
 * q.value() // the 95th percentile
 */
import { DDSketch } from '@datadog/sketches-js';

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

/** Up to this many values per series are kept as they are, and the quantile is exact. */
export const EXACT_VALUES = 256;
/** The sketch's guarantee: the answer is within this fraction of a true value at the rank. */
export const RELATIVE_ACCURACY = 0.01;

export class QuantileSketch {
  private n = 0;
  private exact: Float64Array | null = new Float64Array(16);
  private sketch: DDSketch | null = null;

  constructor(private readonly q: number) {}

  get count(): number {
    return this.n;
  }

  /** True once the answer is the sketch's (within RELATIVE_ACCURACY) rather than exact. */
  get approximate(): boolean {
    return this.sketch !== null;
  }

  add(value: number): void {
    this.n++;
    if (this.sketch) {
      this.sketch.accept(value);
      return;
    }
    const exact = this.exact!;
    if (this.n <= exact.length) {
      exact[this.n - 1] = value;
      return;
    }
    if (exact.length < EXACT_VALUES) {
      const bigger = new Float64Array(Math.min(EXACT_VALUES, exact.length * 2));
      bigger.set(exact);
      bigger[this.n - 1] = value;
      this.exact = bigger;
      return;
    }
    this.sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
    for (const kept of exact) this.sketch.accept(kept);
    this.sketch.accept(value);
    this.exact = null;
  }

  /** The quantile; NaN when no values were seen. */
  value(): number {
    if (this.n === 0) return Number.NaN;
    if (this.sketch) return this.sketch.getValueAtQuantile(this.q);
    return quantileSorted(this.exact!.subarray(0, this.n).sort(), this.q);
  }
}
