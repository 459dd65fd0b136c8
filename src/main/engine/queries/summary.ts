/**
 * Summaries of a set of values: avg/min/max/p95/count. Pure, allocation-light.
 *
 * @example
 * summarize([1, 2, 3, 4]) // { avg: 2.5, min: 1, max: 4, p95: 3.85, count: 4 }
 */
import type { Summary } from '../../../shared/queries.js';
import { quantileSorted } from '../store/percentile.js';

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
