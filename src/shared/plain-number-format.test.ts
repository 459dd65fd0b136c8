import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumberFormat, type PlainNumberOptions } from './plain-number-format.js';

/** The option sets units.ts formats with. */
const OPTION_SETS: PlainNumberOptions[] = [
  { maximumFractionDigits: 0 },
  { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { maximumFractionDigits: 2 },
  { maximumFractionDigits: 0, useGrouping: false },
];
const ENGLISH = ['en', 'en-US', 'en-GB', 'en-AU', 'en-CA', 'en-NZ', 'en-IE'];

describe('plainNumberFormat', () => {
  it('is offered only for locales that write numbers as en-US does', () => {
    for (const tag of ENGLISH) expect(plainNumberFormat(tag, {}), tag).toBeDefined();
    // Other separators (de, fr, en-ZA) or grouping (en-IN: 12,34,567) stay with Intl.
    for (const tag of ['de-DE', 'fr', 'en-IN', 'en-ZA', 'en-DK', 'ja'])
      expect(plainNumberFormat(tag, {}), tag).toBeUndefined();
  });

  it('writes what Intl.NumberFormat writes, at the edges of rounding and grouping', () => {
    const values = [
      0,
      -0,
      0.5,
      1.5,
      2.5,
      -2.5,
      0.05,
      -0.04,
      0.949,
      0.95,
      1.005,
      9.995,
      99.95,
      999.5,
      1023,
      1234.5,
      -1234.5,
      999_999.5,
      1_234_567.891,
      0.000001,
      1e-7,
      123e18,
      1e21,
      8.7e22,
      Number.NaN,
      Infinity,
      -Infinity,
    ];
    for (const tag of ENGLISH)
      for (const options of OPTION_SETS) {
        const plain = plainNumberFormat(tag, options)!;
        const intl = new Intl.NumberFormat(tag, options);
        for (const value of values)
          expect(plain.format(value), `${tag} ${JSON.stringify(options)} ${value}`).toBe(intl.format(value));
      }
  });

  it('writes what Intl.NumberFormat writes for any number', () => {
    const formats = OPTION_SETS.map((options) => ({
      plain: plainNumberFormat('en-US', options)!,
      intl: new Intl.NumberFormat('en-US', options),
    }));
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: formats.length - 1 }), (value, i) => {
        const { plain, intl } = formats[i]!;
        expect(plain.format(value)).toBe(intl.format(value));
      }),
      { numRuns: 5_000 },
    );
    // Doubles spread over the magnitudes a monitor reads (percentages to byte counts).
    fc.assert(
      fc.property(fc.integer({ min: -9, max: 15 }), fc.integer({ min: -99_999, max: 99_999 }), (exponent, mantissa) => {
        const value = mantissa * 10 ** (exponent - 4);
        for (const { plain, intl } of formats) expect(plain.format(value)).toBe(intl.format(value));
      }),
      { numRuns: 5_000 },
    );
  });
});
