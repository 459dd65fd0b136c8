import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_VALUES, QuantileSketch, RELATIVE_ACCURACY, quantileSorted } from './percentile.js';

function sketched(values: readonly number[], q: number): QuantileSketch {
  const sketch = new QuantileSketch(q);
  for (const v of values) sketch.add(v);
  return sketch;
}

/** The sketch's float arithmetic, at the very edge of a bin. */
const SLACK = 1.001;

const sorted = (values: readonly number[]) => Float64Array.from(values).sort();

describe('QuantileSketch', () => {
  it('is exact (the sorted-array rule) up to EXACT_VALUES values', () => {
    expect(sketched([1, 2, 3, 4], 0.95).value()).toBeCloseTo(3.85, 12);
    expect(sketched([4, 1, 3, 2], 0.95).value()).toBe(quantileSorted([1, 2, 3, 4], 0.95));
    expect(sketched([5], 0.95).value()).toBe(5);
    expect(sketched([], 0.95).value()).toBeNaN();
    const full = Array.from({ length: EXACT_VALUES }, (_, i) => (i * 7919) % 1000);
    const sketch = sketched(full, 0.95);
    expect(sketch.approximate).toBe(false);
    expect(sketch.value()).toBe(quantileSorted(sorted(full), 0.95));
  });

  it('beyond that, answers within 1 % of a true value between the ranks around q', () => {
    const value = fc.double({ min: 1e-3, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(fc.array(value, { minLength: EXACT_VALUES + 1, maxLength: 6000 }), (values) => {
        const sketch = sketched(values, 0.95);
        expect(sketch.approximate).toBe(true);
        const s = sorted(values);
        // DDSketch's guarantee: relative error ≤ α against the value at rank ⌊q(n−1)⌋ (or the next);
        // at the exact edge of a bin its float arithmetic lands a hair beyond, hence SLACK.
        const low = s[Math.floor(0.95 * (s.length - 1))]!;
        const high = s[Math.ceil(0.95 * (s.length - 1))]!;
        const answer = sketch.value();
        expect(answer).toBeGreaterThanOrEqual(low * (1 - SLACK * RELATIVE_ACCURACY));
        expect(answer).toBeLessThanOrEqual(high * (1 + SLACK * RELATIVE_ACCURACY));
      }),
      { numRuns: 60 },
    );
  });

  it('handles zeros and negatives, and a million values in a bounded sketch', () => {
    const values = [...Array.from({ length: 5000 }, () => 0), ...Array.from({ length: 3000 }, (_, i) => -i / 8), 1e6];
    const p95 = sketched(values, 0.95).value();
    // 8,001 values: rank 7600 of the sorted list is 0 (3,000 negatives, then 5,000 zeros).
    expect(p95).toBe(0);
    const p01 = sketched(values, 0.01).value();
    // Rank 80: −(2999 − 80)/8 = −364.875, within 1 %.
    expect(Math.abs(p01 - -364.875)).toBeLessThanOrEqual(364.875 * RELATIVE_ACCURACY);
    const many = new QuantileSketch(0.95);
    for (let i = 0; i < 1_000_000; i++) many.add(1 + (i % 1000));
    // Values 1…1000 evenly: the 95th percentile is 950.95; the sketch is within 1 % of 950 or 951.
    expect(Math.abs(many.value() - 950.5)).toBeLessThanOrEqual(951 * RELATIVE_ACCURACY + 0.5);
  });
});
