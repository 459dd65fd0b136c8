import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFloat32, formatFloat64 } from './float-text.js';

const f32 = (value: number) => Math.fround(value);

/** Digits from the first non-zero one to the last non-zero one, ignoring sign, point and exponent. */
function significantDigits(text: string): number {
  return text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

describe('formatFloat32', () => {
  it.each([
    [12.3, '12.3'],
    [0.1, '0.1'],
    [-5.25, '-5.25'],
    [0.000123, '0.000123'],
    [1234567.5, '1234567.5'],
    [99.99999, '99.99999'],
    [1.0000001, '1.0000001'],
    [0.42, '0.42'],
    [0, '0'],
    [-0, '0'],
    [16_777_217, '16777216'],
    [4_000_000_000, '4000000000'],
  ])('writes float32(%d) as %s', (value, text) => {
    expect(formatFloat32(f32(value))).toBe(text);
  });

  it('parses back to the same float32 for every finite float32 bit pattern tried', () => {
    const bits = new Uint32Array(1);
    const view = new Float32Array(bits.buffer);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (pattern) => {
        bits[0] = pattern;
        const value = view[0]!;
        fc.pre(Number.isFinite(value));
        const text = formatFloat32(value);
        expect(Math.fround(Number(text))).toBe(Object.is(value, -0) ? 0 : value);
        // A fraction never needs more than 9 significant digits (integers are written in full).
        if (!Number.isInteger(value)) expect(significantDigits(text)).toBeLessThanOrEqual(9);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is never longer than 9 significant digits written plainly, for typical readings', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), (raw) => {
        const text = formatFloat32(f32(raw));
        expect(Math.fround(Number(text))).toBe(f32(raw));
        expect(text.length).toBeLessThanOrEqual(String(Number(f32(raw).toPrecision(9))).length);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('formatFloat64', () => {
  it('writes counters exactly', () => {
    expect(formatFloat64(1e12 + 0.5)).toBe('1000000000000.5');
    expect(formatFloat64(123_456_789_012)).toBe('123456789012');
    expect(formatFloat64(-(2 ** 60))).toBe(String(-(2 ** 60)));
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Number(formatFloat64(value))).toBe(Object.is(value, -0) ? 0 : value);
      }),
    );
  });
});
