import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, nextDelayMs, parseRetryAfter } from './backoff.js';

const middle = () => 0.5;

describe('nextDelayMs', () => {
  it('doubles from 5 s to the 30 s cap', () => {
    const schedule = Array.from({ length: 7 }, (_, i) => nextDelayMs(i + 1, middle));
    // At the cap the jitter range is [24 s, 30 s], so its middle is 27 s.
    expect(schedule).toEqual([5_000, 10_000, 20_000, 27_000, 27_000, 27_000, 27_000]);
    expect(nextDelayMs(0, middle)).toBe(5_000);
    expect(nextDelayMs(10_000, middle)).toBe(27_000);
  });

  it('jitters by ±20 %, and never past the cap', () => {
    expect(nextDelayMs(1, () => 0)).toBe(4_000);
    expect(nextDelayMs(1, () => 0.999_999)).toBe(6_000);
    expect(nextDelayMs(7, () => 0)).toBe(24_000);
    expect(nextDelayMs(7, () => 0.999_999)).toBe(BACKOFF_CAP_MS);
    expect(BACKOFF_CAP_MS).toBe(30_000);
    expect(nextDelayMs(1, () => Number.NaN)).toBe(5_000);
    expect(nextDelayMs(1, () => 7)).toBe(6_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const base = Math.min(BACKOFF_CAP_MS, 5_000 * 2 ** (attempt - 1));
          const delay = nextDelayMs(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.min(Math.ceil(base * 1.2), BACKOFF_CAP_MS));
        },
      ),
    );
  });

  it('never retries sooner than Retry-After asked (up to its 10 min cap)', () => {
    expect(nextDelayMs(1, middle, 60_000)).toBe(60_000);
    expect(nextDelayMs(1, middle, 1_000)).toBe(5_000);
    expect(nextDelayMs(1, middle, 1_000.2)).toBe(5_000);
    expect(nextDelayMs(1, () => 0, 4_000.5)).toBe(4_001);
    expect(nextDelayMs(1, middle, null)).toBe(5_000);
    expect(nextDelayMs(1, middle, 86_400_000)).toBe(RETRY_AFTER_CAP_MS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: RETRY_AFTER_CAP_MS }), (attempt, wait) => {
        expect(nextDelayMs(attempt, Math.random, wait)).toBeGreaterThanOrEqual(wait);
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Thursday, 01-Jan-26 12:00:30 GMT', now)).toBe(30_000); // RFC 850 form
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0); // already past
  });

  it('caps at 10 min and ignores garbage', () => {
    expect(parseRetryAfter('86400', now)).toBe(RETRY_AFTER_CAP_MS);
    for (const value of [null, undefined, '', 'soon', '-5', '1.5']) expect(parseRetryAfter(value, now)).toBeNull();
  });
});
