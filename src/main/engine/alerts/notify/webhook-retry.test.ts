import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from './webhook-retry.js';

describe('webhook retry policy', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 422, 600].some(isRetryableStatus)).toBe(false);
  });

  it('doubles from 1 s, caps at 30 s, and jitters by ±20 %', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((a) => backoffMs(a, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(backoffMs(1, () => 0)).toBe(800);
    expect(backoffMs(1, () => 0.999_999)).toBe(1200);
    expect(backoffMs(9, () => 0.999_999)).toBe(30_000);
  });

  it('reads Retry-After as seconds or an HTTP-date, capped at 60 s', () => {
    const now = Date.parse('2025-03-14T09:30:00Z');
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('3600', now)).toBe(60_000);
    expect(retryAfterMs('Fri, 14 Mar 2025 09:30:20 GMT', now)).toBe(20_000);
    expect(retryAfterMs('Fri, 14 Mar 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('Sat, 15 Mar 2025 09:30:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('1.5', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
