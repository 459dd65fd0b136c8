/**
 * HTTP headers for a target's `auth` setting. Values are checked here, because fetch's own error
 * for a bad header value quotes the value, and that value is a token.
 *
 * @example
 * authHeaders({ type: 'bearer', token: 's3cret' }) // { authorization: 'Bearer s3cret' }
 * authHeaders({ type: 'api-key', key: 'k', header: 'X-API-Key' }) // { 'x-api-key': 'k' }
 */
import type { ClearPushAuth } from '../../../../shared/push-settings.js';

/** Thrown for a credential that cannot go in a header. The message never contains the credential. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

// Visible ASCII, space and tab: what every server parses the same way (RFC 9110 field-value,
// without obs-text, whose bytes fetch and servers disagree on).
const HEADER_SAFE = /^[\t\x20-\x7e]*$/;

function checked(value: string, what: string): string {
  if (!HEADER_SAFE.test(value)) {
    throw new AuthConfigError(`the ${what} contains a line break, control or non-ASCII character`);
  }
  if (value.trim() !== value) throw new AuthConfigError(`the ${what} starts or ends with white space`);
  return value;
}

/** Lower-case header names (the credentials already opened, see secret-codec.ts), so callers can merge them with others without case duplicates. */
export function authHeaders(auth: ClearPushAuth): Record<string, string> {
  if (auth === null) return {};
  switch (auth.type) {
    case 'bearer':
      return { authorization: `Bearer ${checked(auth.token, 'bearer token')}` };
    case 'token':
      return { authorization: `Token ${checked(auth.token, 'token')}` };
    case 'api-key':
      return { [auth.header.toLowerCase()]: checked(auth.key, `${auth.header} key`) };
    case 'basic':
      // RFC 7617: the user name cannot contain a colon, or the server would split it wrongly.
      if (auth.username.includes(':')) throw new AuthConfigError('the basic-auth user name contains a colon');
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
  }
}

/** The credential strings of `auth`, so text from a server can be scrubbed of any echo of them. */
export function secretsOf(auth: ClearPushAuth): string[] {
  if (auth === null) return [];
  switch (auth.type) {
    case 'bearer':
    case 'token':
      return [auth.token];
    case 'api-key':
      return [auth.key];
    case 'basic':
      return [auth.password, Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')].filter(
        (s) => s.length > 0,
      );
  }
}
