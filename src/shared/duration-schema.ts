/**
 * A settings field holding a duration: milliseconds or text (`"2s"`, `"5m"`), stored as milliseconds.
 *
 * @example
 * const interval = durationField(1000, 3_600_000, 2000); // z schema: '5s' → 5000, 500 → error
 */
import { z } from './validation.js';
import { formatDuration, parseDuration } from './time.js';

/** What every duration field says it wants: `a duration such as 2s, between 1s and 1h`. */
export function durationExpected(min: number, max: number): string {
  const example = formatDuration(Math.min(max, Math.max(min, 2000)));
  return `a duration such as ${example}, between ${formatDuration(min)} and ${formatDuration(max)}`;
}

function toMs(min: number, max: number) {
  const expected = durationExpected(min, max);
  return z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx) => {
      const fail = (got: string) => {
        ctx.issues.push({ code: 'custom', message: `must be ${expected} (got ${got})`, input: value });
        return z.NEVER;
      };
      let ms: number;
      if (typeof value === 'number') ms = value;
      else if (typeof value === 'string') {
        try {
          ms = parseDuration(value);
        } catch {
          return fail(JSON.stringify(value));
        }
      } else return fail(value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);
      if (!Number.isFinite(ms) || ms < min || ms > max)
        return fail(typeof value === 'number' ? `${value} ms` : JSON.stringify(value));
      return ms;
    }),
  );
}

/** A duration between `min` and `max` ms, `fallback` when absent. */
export function durationField(min: number, max: number, fallback: number) {
  return z._default(toMs(min, max), fallback);
}

/** A duration that may be `null` (off); `fallback` when absent. */
export function optionalDurationField(min: number, max: number, fallback: number | null) {
  return z._default(z.nullable(toMs(min, max)), fallback);
}
