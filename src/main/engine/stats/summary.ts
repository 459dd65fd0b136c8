/**
 * Summaries of a set of values: avg/min/max/p95/count. Pure, allocation-light.
 *
 * @example
 * summarize([1, 2, 3, 4]) // { avg: 2.5, min: 1, max: 4, p95: 3.85, count: 4 }
 */
import type { Summary } from '../../../shared/queries.js';

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

/** Summarises values, ignoring non-finite ones; null when nothing is left. */
export function summarize(values: ArrayLike<number>): Summary | null {
  const finite = new Float64Array(values.length);
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    finite[count++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return null;
  const sorted = finite.subarray(0, count).sort();
  return { avg: sum / count, min, max, p95: quantileSorted(sorted, 0.95), count };
}
