/**
 * Small schema pieces shared by the settings sections.
 *
 * @example
 * const targets = uniqueListOf(pushTargetSchema, 'name', 'target name');
 * const url = httpUrl; // 'ftp://x' → "must be an http:// or https:// URL"
 */
import { keyedList, secretUrl } from './secrets.js';
import { z } from './validation.js';

/** An absolute http:// or https:// URL; credentials in it are secrets (see secrets.ts). */
export const httpUrl = secretUrl();

/**
 * An array whose items must differ in `key`; a repeat is reported at `<index>.<key>`. Items are
 * matched by `key` when secrets are kept on save.
 */
export function uniqueListOf<T extends z.ZodMiniType<Record<string, unknown>>>(item: T, key: string, what: string) {
  return z.pipe(
    keyedList(z.array(item), key),
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
