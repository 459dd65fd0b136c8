/**
 * The webhook retry policy, kept apart from the HTTP code so it can be read (and tested) on its
 * own: which failures are worth another attempt, and how long to wait before it.
 *
 * @example
 * const delay = retryAfterMs(res.headers.get('retry-after'), Date.now()) ?? backoffMs(attempt, Math.random);
 */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 30_000;
/** A server asking for longer than this is not waited for in full: alerts go stale. */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * 408, 429 and 5xx may go away on their own; any other status will not, so retrying only adds load.
 *
 * @example
 * isRetryableStatus(503) // true
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The wait after failed attempt `attempt` (1-based): 1 s, 2 s, 4 s … capped at 30 s, ±20 %.
 *
 * @example
 * backoffMs(3, () => 0.5) // 4000
 */
export function backoffMs(attempt: number, random: () => number): number {
  const nominal = Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_CAP_MS);
  // Jitter: many machines alerting on the same outage should not retry in lockstep.
  return Math.min(Math.round(nominal * (0.8 + 0.4 * random())), BACKOFF_CAP_MS);
}

/**
 * A `Retry-After` header (delay in seconds, or an HTTP-date) as milliseconds from `now`, capped at
 * 60 s; null when absent or unreadable (the caller then backs off as usual).
 *
 * @example
 * retryAfterMs('120', Date.now()) // 60000
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS);
  // Only HTTP-dates (always GMT): Date.parse accepts too much else, e.g. "1.5" as a date.
  if (!/GMT$/i.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - now, 0), RETRY_AFTER_CAP_MS);
}
