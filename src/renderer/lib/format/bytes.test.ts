import prettyBytes from 'pretty-bytes';
import { describe, expect, it } from 'vitest';
import { BytesFormat } from './bytes.js';

const VALUES = [
  0, -0, 0.4, 1, 5, 9.99, 10, 99.5, 999, 999.5, 1000, 1001, 1023, 1024, 1025, 1536, 1805, 10_000, 99_999, 999_499,
  999_500, 999_999, 1_000_000, 1_234_567, 1_048_576, 5_242_880, 123_456_789, 999_999_999_999_999, 1e12, 3.5e15, 1e21,
  1e24, 1e27, 1e30, -1, -1234, -1_234_567, 0.000_000_1, 1e-7, 12.345, 0.5,
];

describe('BytesFormat', () => {
  for (const locale of ['en-US', 'de', 'fr', 'hi-IN']) {
    const bytes = new BytesFormat(locale);
    for (const binary of [false, true]) {
      it(`matches pretty-bytes in ${locale}${binary ? ', binary' : ''}`, () => {
        for (const value of VALUES) {
          expect(bytes.format(value, { binary })).toBe(prettyBytes(value, { binary, locale }));
          for (const maximumFractionDigits of [0, 1, 2]) {
            expect(bytes.format(value, { binary, maximumFractionDigits })).toBe(
              prettyBytes(value, { binary, locale, maximumFractionDigits }),
            );
          }
        }
      });
    }
  }

  it('matches pretty-bytes for random sizes and rates', () => {
    const bytes = new BytesFormat('en-US');
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 2000; i += 1) {
      const value = random() * 10 ** Math.floor(random() * 16);
      expect(bytes.format(value)).toBe(prettyBytes(value, { locale: 'en-US' }));
      expect(bytes.format(value, { binary: true, maximumFractionDigits: 1 })).toBe(
        prettyBytes(value, { binary: true, locale: 'en-US', maximumFractionDigits: 1 }),
      );
    }
  });

  it('throws for non-finite values as pretty-bytes does', () => {
    expect(() => new BytesFormat('en-US').format(Number.NaN)).toThrow(TypeError);
  });
});
