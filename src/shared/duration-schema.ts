/**
 * A settings field holding a duration: milliseconds or text (`"2s"`, `"5m"`), stored as milliseconds.
 *
 * @example
 * const interval = durationField(1000, 3_600_000, 2000); // z schema: '5s' → 5000, 500 → error
 */
import { z } from './validation.js';
import { parseDuration } from './time.js';

function toMs(min: number, max: number) {
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value: number | string, ctx) => {
      let ms: number;
      try {
        ms = typeof value === 'number' ? value : parseDuration(value);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: (error as Error).message, input: value });
        return z.NEVER;
      }
      if (!Number.isFinite(ms) || ms < min || ms > max) {
        ctx.issues.push({
          code: 'custom',
          message: `must be between ${min} ms and ${max} ms (got ${value})`,
          input: value,
        });
        return z.NEVER;
      }
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
