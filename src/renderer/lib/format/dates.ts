/**
 * Times in the reader's local zone, with the UTC value for tooltips (`title`), so a shared
 * screenshot or a server log can always be matched exactly.
 *
 * @example
 * formatTime(ts) // '14:03:07'
 * formatTimeUtc(ts) // '2026-11-23T13:03:07.000Z'
 */
const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';

const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortClock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
const dayHour = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short' });

export function formatTime(ts: number): string {
  return clock.format(ts);
}

export function formatDateTime(ts: number): string {
  return full.format(ts);
}

export function formatTimeUtc(ts: number): string {
  return new Date(ts).toISOString();
}

/** An axis tick whose precision suits the visible span: seconds for minutes, days for months. */
export function formatTick(ts: number, spanMs: number): string {
  if (spanMs <= 15 * 60_000) return clock.format(ts);
  if (spanMs <= 36 * 3_600_000) return shortClock.format(ts);
  if (spanMs <= 10 * 86_400_000) return dayHour.format(ts);
  if (spanMs <= 120 * 86_400_000) return day.format(ts);
  return month.format(ts);
}

/** `<input type="datetime-local">` value for an epoch ms, in local time. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The inverse of `toLocalInput`; NaN when the text is not a date. */
export function fromLocalInput(text: string): number {
  return text ? new Date(text).getTime() : Number.NaN;
}
