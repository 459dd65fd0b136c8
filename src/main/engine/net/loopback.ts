/**
 * Loopback binds and the Host header: every listener of Dashlight (the dashboard's server, the
 * Prometheus endpoint) binds 127.0.0.1 by default, and while bound there answers only requests
 * whose Host names this machine at its own port. A web page whose own name was re-pointed at
 * 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused.
 *
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * const check = hostCheck('127.0.0.1', 7437);
 * check('localhost:7437'); // true
 * check('evil.example:7437'); // false
 */
import { isIP } from 'node:net';

/** Whether `host` (an address or name given to listen on) reaches this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Returns the predicate for the Host header; anything goes when not bound to loopback. */
export function hostCheck(host: string, port: number): (header: string | undefined) => boolean {
  if (!isLoopbackHost(host)) return () => true;
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  return (header) => header !== undefined && allowed.has(header.toLowerCase());
}
