import { describe, expect, it } from 'vitest';
import { snoozeUntil } from './snooze-times.js';

describe('snoozeUntil', () => {
  const now = new Date(2026, 2, 14, 21, 37, 12).getTime();

  it('adds the chosen time', () => {
    expect(snoozeUntil('15m', now)).toBe(now + 15 * 60_000);
    expect(snoozeUntil('1h', now)).toBe(now + 3_600_000);
    expect(snoozeUntil('4h', now)).toBe(now + 4 * 3_600_000);
  });

  it('ends tomorrow at 08:00 local time, also when chosen after midnight', () => {
    expect(snoozeUntil('morning', now)).toBe(new Date(2026, 2, 15, 8, 0, 0).getTime());
    const early = new Date(2026, 2, 15, 0, 30).getTime();
    expect(snoozeUntil('morning', early)).toBe(new Date(2026, 2, 16, 8, 0, 0).getTime());
  });
});
