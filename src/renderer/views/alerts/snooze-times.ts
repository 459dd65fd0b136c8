/**
 * The snooze choices offered next to each rule, and the end time each one means.
 *
 * @example
 * snoozeUntil('1h', now) // now + 3_600_000
 * snoozeUntil('morning', now) // tomorrow 08:00 local time
 */

export const SNOOZE_CHOICES = [
  { id: '15m', label: '15 min' },
  { id: '1h', label: '1 h' },
  { id: '4h', label: '4 h' },
  { id: 'morning', label: 'until tomorrow 08:00' },
] as const;

export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number]['id'];

const MINUTE = 60_000;

/** Epoch ms at which a snooze chosen at `now` ends; "tomorrow 08:00" is in the reader's local time. */
export function snoozeUntil(choice: SnoozeChoice, now: number): number {
  switch (choice) {
    case '15m':
      return now + 15 * MINUTE;
    case '1h':
      return now + 60 * MINUTE;
    case '4h':
      return now + 240 * MINUTE;
    case 'morning': {
      const date = new Date(now);
      // setDate/setHours, not + 24 h: the day may be 23 or 25 hours long around a DST change.
      date.setDate(date.getDate() + 1);
      date.setHours(8, 0, 0, 0);
      return date.getTime();
    }
  }
}
