/**
 * Who may scrape `/metrics`: anyone who reaches the port, or whoever presents the configured bearer
 * token or basic-auth user and password (the `authorization` or `basic_auth` of a Prometheus scrape
 * config). Credentials are compared as SHA-256 digests with timingSafeEqual, so neither the bytes
 * nor the length of a secret leak through timing.
 *
 * @example
 * const auth = scrapeAuth({ type: 'bearer', token: 's3cret-s3cret-s3cret' });
 * auth.allows('Bearer s3cret-s3cret-s3cret') // true
 * auth.challenge // 'Bearer realm="dashlight"'
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ScrapeAuth } from '../../../shared/prometheus-settings.js';
import type { Clear } from '../../../shared/secrets.js';

export interface ScrapeAuthCheck {
  /** Whether the Authorization header carries the credential (always true without auth). */
  allows(header: string | undefined): boolean;
  /** The WWW-Authenticate value of a 401, or null when nothing is asked. */
  readonly challenge: string | null;
  readonly kind: 'none' | 'bearer' | 'basic';
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

const same = (given: string, expected: Buffer): boolean => timingSafeEqual(digest(given), expected);

/** The credentials after the scheme, when the header uses `scheme` (case-insensitive, RFC 9110). */
function credentials(header: string | undefined, scheme: string): string | null {
  const match = /^(\S+)[ \t]+(\S+)[ \t]*$/.exec(header ?? '');
  return match && match[1]!.toLowerCase() === scheme ? match[2]! : null;
}

export function scrapeAuth(auth: Clear<ScrapeAuth>): ScrapeAuthCheck {
  if (auth === null) return { allows: () => true, challenge: null, kind: 'none' };
  if (auth.type === 'bearer') {
    const token = digest(auth.token);
    return {
      allows: (header) => {
        const given = credentials(header, 'bearer');
        return given !== null && same(given, token);
      },
      challenge: 'Bearer realm="dashlight"',
      kind: 'bearer',
    };
  }
  const username = digest(auth.username);
  const password = digest(auth.password);
  return {
    allows: (header) => {
      const given = credentials(header, 'basic');
      if (given === null) return false;
      const decoded = Buffer.from(given, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      // Both compared every time, so a right user name with a wrong password takes as long as neither.
      const userOk = same(decoded.slice(0, colon), username);
      const passwordOk = same(decoded.slice(colon + 1), password);
      return userOk && passwordOk;
    },
    challenge: 'Basic realm="dashlight", charset="UTF-8"',
    kind: 'basic',
  };
}
