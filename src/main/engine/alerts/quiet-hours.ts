/**
 * Quiet hours: a daily window, in local time, during which alerts are recorded but not notified.
 *
 * @example
 * isQuietTime({ start: '22:00', end: '07:00' }, localMinutes(Date.now())) // true at 23:30 or 06:59
 */
import type { QuietHours } from '../../../shared/alert-settings.js';

function minutesOf(text: string): number {
  const [h, m] = text.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight; injected in tests so they need no time zone. */
export function localMinutes(epochMs: number): number {
  const d = new Date(epochMs);
  return d.getHours() * 60 + d.getMinutes();
}

/** The window includes its start minute and excludes its end minute; it may wrap past midnight. */
export function isQuietTime(quiet: QuietHours | null, minuteOfDay: number): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}
