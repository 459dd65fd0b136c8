import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileSorted } from './percentile.js';
import { TwoPassQuantile } from './percentile.js';

function twoPass(values: readonly number[], q: number): number {
  const quantile = new TwoPassQuantile(q);
  for (const v of values) quantile.first(v);
  if (quantile.needsSecondPass()) for (const v of values) quantile.second(v);
  return quantile.value();
}

const reference = (values: readonly number[], q: number) => quantileSorted(Float64Array.from(values).sort(), q);

describe('TwoPassQuantile', () => {
  it('matches the sorted-array rule exactly on small inputs', () => {
    expect(twoPass([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(twoPass([4, 1, 3, 2], 0.95)).toBe(reference([1, 2, 3, 4], 0.95));
    expect(twoPass([5], 0.95)).toBe(5);
    expect(twoPass([], 0.95)).toBeNaN();
  });

  it('matches the sorted-array rule exactly beyond the in-memory size, float32 values', () => {
    const f32 = fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) });
    fc.assert(
      fc.property(
        fc.array(f32, { minLength: 4097, maxLength: 12_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          // Same two order statistics, same interpolation: bit-identical (-0 and 0 compare equal).
          expect(twoPass(values, q) === reference(values, q)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles duplicates, zeros and negatives across bucket edges', () => {
    const values = [
      ...Array.from({ length: 5000 }, () => 0),
      ...Array.from({ length: 3000 }, (_, i) => -i / 8),
      1e6,
      7,
      7,
      7,
    ];
    for (const q of [0, 0.05, 0.5, 0.95, 0.999, 1]) expect(twoPass(values, q)).toBe(reference(values, q));
  });
});
