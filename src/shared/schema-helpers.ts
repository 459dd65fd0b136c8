/**
 * Small schema pieces shared by the settings sections.
 *
 * @example
 * const targets = uniqueListOf(pushTargetSchema, 'name', 'target name');
 * const url = httpUrl; // 'ftp://x' → "must be an http:// or https:// URL"
 */
import { z } from './validation.js';

/** An absolute http:// or https:// URL. */
export const httpUrl = z.string().check(
  z.refine(
    (text) => {
      try {
        return ['http:', 'https:'].includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL' },
  ),
);

/** An array whose items must differ in `key`; a repeat is reported at `<index>.<key>`. */
export function uniqueListOf<T extends z.ZodMiniType<Record<string, unknown>>>(item: T, key: string, what: string) {
  return z.pipe(
    z.array(item),
    z.transform((items: z.output<T>[], ctx) => {
      const seen = new Set<unknown>();
      items.forEach((entry, index) => {
        const value = entry[key];
        if (seen.has(value)) {
          ctx.issues.push({
            code: 'custom',
            path: [index, key],
            message: `duplicate ${what} "${String(value)}"`,
            input: value,
          });
        }
        seen.add(value);
      });
      return items;
    }),
  );
}
