/**
 * Where the server listens, and which requests it accepts from there. Bound to loopback, only
 * `Host: 127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>` is answered: a web page whose
 * own name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused.
 *
 * @example
 * const check = hostCheck('127.0.0.1', 7437);
 * check('localhost:7437'); // true
 * check('evil.example:7437'); // false
 */
import { isIP } from 'node:net';
import { hostname } from 'node:os';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 7437;

export { hostCheck, isLoopbackHost } from '../engine/net/loopback.js';

/**
 * Whether a state-changing request comes from a page of this server. A cross-site fetch carries
 * its page's Origin; without one (curl, scripts) the token alone decides.
 */
export function sameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  return (
    origin === undefined || (hostHeader !== undefined && origin.toLowerCase() === `http://${hostHeader}`.toLowerCase())
  );
}

/** What `run --serve --host` prints on stderr when the server is reachable from other machines. */
export function nonLoopbackWarning(host: string): string {
  return (
    `dashlight: warning: --host ${host} makes the dashboard reachable from other machines, over plain HTTP. ` +
    'Anyone on that network who has the token can read your metrics and change the settings. ' +
    'Prefer the default 127.0.0.1 with an SSH tunnel (ssh -L 7437:127.0.0.1:7437 this-machine).'
  );
}

/** The host part of the printed URL: IPv6 in brackets, "every interface" as this machine's name. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return hostname();
  return isIP(host) === 6 ? `[${host}]` : host;
}
