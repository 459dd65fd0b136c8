/**
 * Who may talk to the server: whoever presents the token, as `Authorization: Bearer <token>`
 * (scripts), as the `dashlight_token_<id>` cookie (the browser), or once as `?token=` on `/` (the URL
 * printed at start), which is swapped for the cookie and redirected away so the token does not
 * stay in the address bar or the history.
 *
 * @example
 * const auth = tokenAuth(token);
 * if (auth.redirectWithCookie(req, res, url)) return;
 * if (!auth.allows(req)) return sendUnauthorized(req, res);
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, sendFailure, sendHtml } from './http-replies.js';

export const TOKEN_COOKIE_PREFIX = 'dashlight_token_';

/**
 * The cookie's name for one server's token. Browsers keep cookies per host, not per port, so two
 * servers on 127.0.0.1 (two data folders) would overwrite one shared name; a name derived from
 * the token keeps both signed in, and survives the same server moving to another port. Eight hex
 * digits of a SHA-256 say nothing useful about a 256-bit token.
 */
export function tokenCookieName(token: string): string {
  return TOKEN_COOKIE_PREFIX + createHash('sha256').update(token).digest('hex').slice(0, 8);
}

export const UNAUTHORIZED_MESSAGE =
  'missing or wrong token: open the URL printed by dashlight run --serve (it ends in ?token=…)';

export interface TokenAuth {
  /** Whether the request carries the token in its Authorization header or its cookie. */
  allows(req: IncomingMessage): boolean;
  /**
   * For `GET /?token=<the token>`: sets the cookie and answers 303 to the same URL without the
   * token. Returns whether it answered. A wrong `?token=` is left to `allows`.
   */
  redirectWithCookie(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

export function tokenAuth(token: string): TokenAuth {
  const expected = Buffer.from(token, 'utf8');
  const cookie = tokenCookieName(token);
  const matches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate, 'utf8');
    // The length is no secret (every token has 43 characters); the bytes are, hence timingSafeEqual.
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return {
    allows(req) {
      if (matches(bearerToken(req.headers.authorization))) return true;
      return cookieValues(req.headers.cookie, cookie).some(matches);
    },
    redirectWithCookie(req, res, url) {
      if (req.method !== 'GET' || url.pathname !== '/' || !matches(url.searchParams.get('token') ?? undefined)) {
        return false;
      }
      url.searchParams.delete('token');
      res.writeHead(303, {
        Location: `/${url.search}`,
        'Set-Cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
        'Content-Length': '0',
      });
      res.end();
      return true;
    },
  };
}

/** 401 with `WWW-Authenticate: Bearer`: a small page for a browser, the JSON envelope otherwise. */
export function sendUnauthorized(req: IncomingMessage, res: ServerResponse): void {
  const headers = { 'WWW-Authenticate': 'Bearer', 'Cache-Control': 'no-store' };
  if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    sendHtml(res, 401, unauthorizedPage(), headers);
    return;
  }
  sendFailure(res, 401, { name: 'UnauthorizedError', message: UNAUTHORIZED_MESSAGE }, headers);
}

/** The logo as an inline icon, so the browser asks for no /favicon.ico (which would be refused too). */
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%232f81f7'/%3E%3C/svg%3E";

/** What a browser opened without the token sees: how to get in, in two ways. */
function unauthorizedPage(): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dashlight: open it with its token</title>' +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><link rel="icon" href="${ICON}">` +
    '<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:36rem;padding:0 1rem}code{font-size:.9em}</style></head>' +
    '<body><h1>Dashlight needs its token</h1>' +
    '<p>This dashboard is served with an access token, so that other programs and people on this machine cannot read it.</p>' +
    '<ol><li>Open the address that <code>dashlight run --serve</code> printed in its terminal: it ends in <code>?token=…</code>. ' +
    'The browser keeps you signed in afterwards.</li>' +
    '<li>Or read the token from the <code>server-token</code> file in the Dashlight data folder ' +
    '(<code>dashlight doctor</code> shows where it is) and add <code>?token=</code> and the token to this address.</li></ol>' +
    `<p><small>${escapeHtml(UNAUTHORIZED_MESSAGE.replace(/^./, (c) => c.toUpperCase()))}.</small></p></body></html>`
  );
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Every value a Cookie header gives `name` (case-sensitive). Cookies are scoped by host, not by
 * port, so another local service may have set one of the same name: any match will do.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}
