/**
 * When to try a failed batch again: doubling from 5 s and capped at 30 s (5 s, 10 s, 20 s, 30 s,
 * 30 s …, as OpenTelemetry's exporters retry), with ±20 % jitter so many Dashlight instances behind
 * one outage do not retry in step, and never sooner than the server's Retry-After. The cap is what
 * makes delivery resume within 30 s of a server's recovery, however long the outage was.
 *
 * @example
 * nextDelayMs(1) // 4000–6000
 * nextDelayMs(3, () => 0.5) // 20000
 * nextDelayMs(9, () => 0.5) // 27000: at the cap, jitter is spread below it
 * nextDelayMs(1, Math.random, 60_000) // ≥ 60000: the server asked for a minute
 * parseRetryAfter('120', Date.now()) // 120000
 */

export const BACKOFF_FIRST_MS = 5_000;
export const BACKOFF_CAP_MS = 30_000;
export const BACKOFF_JITTER = 0.2;
/** A Retry-After beyond this is treated as this: a misconfigured server must not stall a target for days. */
export const RETRY_AFTER_CAP_MS = 10 * 60_000;

/**
 * The delay before retry number `attempt` (1 = the first retry, after the first failure; 0 and
 * below count as 1). `random` returns [0, 1) like Math.random and is injectable for tests.
 * The jitter is spread below the cap when the cap is reached, so the delay never exceeds 30 s
 * unless the server asked for longer.
 */
export function nextDelayMs(attempt: number, random: () => number = Math.random, retryAfterMs?: number | null): number {
  const steps = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 1) - 1);
  // 2^steps overflows to Infinity for huge attempts, and min() handles that.
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * 2 ** Math.min(steps, 64));
  const low = base * (1 - BACKOFF_JITTER);
  const high = Math.min(BACKOFF_CAP_MS, base * (1 + BACKOFF_JITTER));
  // A broken random source (NaN, out of range) must not make the delay NaN or negative.
  const drawn = random();
  const r = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 0.5;
  const delay = Math.round(low + r * (high - low));
  if (retryAfterMs === null || retryAfterMs === undefined || !(retryAfterMs > 0)) return delay;
  return Math.max(delay, Math.ceil(Math.min(retryAfterMs, RETRY_AFTER_CAP_MS)));
}

/**
 * A Retry-After header value in milliseconds from `now`: delta-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). A date in the past is 0; garbage is null (no hint).
 * Capped at RETRY_AFTER_CAP_MS.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    // Date.parse reads all three HTTP-date forms (IMF-fixdate, RFC 850, asctime); a bare number
    // with a sign or decimals is not valid delta-seconds, and not a date either.
    if (/^[-+]?\d*\.?\d+$/.test(text)) return null;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, RETRY_AFTER_CAP_MS);
}
