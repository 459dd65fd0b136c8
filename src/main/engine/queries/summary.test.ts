import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../store/percentile.js';
import { summarize } from './summary.js';

describe('summarize', () => {
  it('gives exact avg/min/max/count and an interpolated p95', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(summarize(values)).toEqual({ avg: 50, min: 0, max: 100, p95: 95, count: 101 });
    expect(summarize([1, 2, 3, 4])).toEqual({
      avg: 2.5,
      min: 1,
      max: 4,
      p95: expect.closeTo(3.85, 10) as number,
      count: 4,
    });
  });

  it('ignores NaN and infinities, and returns null when nothing is left', () => {
    expect(summarize([Number.NaN, 5, Number.POSITIVE_INFINITY])).toEqual({ avg: 5, min: 5, max: 5, p95: 5, count: 1 });
    expect(summarize([])).toBeNull();
    expect(summarize([Number.NaN])).toBeNull();
  });

  it('quantile of a single value is that value', () => {
    expect(quantileSorted([7], 0.95)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
