import { describe, expect, it } from 'vitest';
import { checkCustom, followsNow, resolveRange } from './time-range.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('time ranges', () => {
  it('resolves presets against now, keeps custom ends, and runs "since" to now', () => {
    expect(resolveRange({ kind: 'preset', id: '6h' }, NOW)).toEqual({ from: NOW - 6 * HOUR, to: NOW });
    expect(resolveRange({ kind: 'preset', id: '1y' }, NOW).from).toBe(NOW - 365 * 24 * HOUR);
    expect(resolveRange({ kind: 'preset', id: '7d' }, 1_000_000_000_000)).toEqual({
      from: 1_000_000_000_000 - 7 * 86_400_000,
      to: 1e12,
    });
    expect(resolveRange({ kind: 'preset', id: 'all' }, NOW)).toEqual({ from: 0, to: NOW });
    expect(resolveRange({ kind: 'custom', from: 5, to: 10 }, NOW)).toEqual({ from: 5, to: 10 });
    expect(resolveRange({ kind: 'since', from: NOW - 300_000 }, NOW)).toEqual({ from: NOW - 300_000, to: NOW });
  });

  it('follows now unless the ends were typed', () => {
    expect(followsNow({ kind: 'preset', id: '24h' })).toBe(true);
    expect(followsNow({ kind: 'since', from: 1 })).toBe(true);
    expect(followsNow({ kind: 'custom', from: 1, to: 2 })).toBe(false);
  });

  it('checks typed ends field by field, with one set of messages', () => {
    // datetime-local values are local time: build them from a local date, not from NOW.
    const from = new Date(2026, 5, 15, 11, 0).getTime();
    const to = new Date(2026, 5, 15, 12, 0).getTime();
    expect(checkCustom('2026-06-15T11:00', '2026-06-15T12:00')).toEqual({ range: { from, to } });
    expect(checkCustom('2026-06-15T12:00', '2026-06-15T11:00').errors).toEqual({
      to: 'The end must be after the start.',
    });
    expect(checkCustom('2026-06-15T12:00', '2026-06-15T12:00').errors).toEqual({
      to: 'The end must be after the start.',
    });
    expect(checkCustom('', '2026-06-15T12:00').errors).toEqual({ from: 'Enter a start date and time.' });
    expect(checkCustom('', 'nonsense').errors).toEqual({
      from: 'Enter a start date and time.',
      to: 'Enter an end date and time.',
    });
    expect(checkCustom('1969-12-31T00:00', '2026-06-15T12:00').errors?.from).toBe('Pick a date after 1970.');
  });
});
