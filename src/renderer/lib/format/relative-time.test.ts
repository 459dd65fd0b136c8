import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('relativeTime', () => {
  it('says how far ahead or behind, in the largest whole unit', () => {
    expect(relativeTime(NOW + 24_000, NOW)).toBe('in 24 s');
    expect(relativeTime(NOW + 24_900, NOW)).toBe('in 24 s');
    expect(relativeTime(NOW + 3 * 60_000 + 5000, NOW)).toBe('in 3 min');
    expect(relativeTime(NOW - 2 * 3_600_000, NOW)).toBe('2 h ago');
    expect(relativeTime(NOW - 3 * 86_400_000, NOW)).toBe('3 d ago');
    expect(relativeTime(NOW + 400, NOW)).toBe('now');
  });
});
