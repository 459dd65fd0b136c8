/**
 * What one failed webhook attempt was, in words a person can act on. Never includes the token or
 * the URL's query and credentials: only host and path.
 *
 * @example
 * const failure = networkFailure(error, 5000); // { detail: 'connection refused (ECONNREFUSED)', retry: true, … }
 */
import { isRetryableStatus } from './webhook-retry.js';

export interface AttemptFailure {
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** Error code (ECONNREFUSED, TIMEOUT, …), or null for an HTTP status. */
  readonly code: string | null;
  readonly detail: string;
  readonly advice: string;
  readonly retry: boolean;
}

/**
 * The part of a URL that is safe to log: host and path, never user:password@ or the query.
 *
 * @example
 * safeTarget('https://u:p@hooks.example.com/x?key=1') // 'hooks.example.com/x'
 */
export function safeTarget(url: string | URL): string {
  const u = new URL(url);
  return u.host + u.pathname;
}

/**
 * Removes the token from text a server sent back (one that echoes the request headers must not put
 * it into our error message), including a cut-off start of it at the very end.
 *
 * @example
 * redact('got Bearer abc123, bad', 'abc123') // 'got Bearer [redacted], bad'
 */
export function redact(text: string, token: string | null): string {
  if (!token) return text;
  let out = text.split(token).join('[redacted]');
  // The kept text may end inside a token: drop any tail that is the start of it.
  for (let n = Math.min(token.length - 1, out.length); n > 0; n--) {
    if (out.endsWith(token.slice(0, n))) {
      out = out.slice(0, -n);
      break;
    }
  }
  return out;
}

/**
 * Where a redirect points, reduced to host and path like the target; null if unreadable.
 *
 * @example
 * safeLocation('/v2?k=1', 'https://h.example.com/v1') // 'h.example.com/v2'
 */
export function safeLocation(location: string, base: string): string | null {
  try {
    return safeTarget(new URL(location, base));
  } catch {
    return null;
  }
}

/**
 * A response that was not 2xx. `snippet` is the start of the body, already stripped of the token.
 *
 * @example
 * statusFailure(503, 'Service Unavailable', '', null).retry // true
 */
export function statusFailure(
  status: number,
  statusText: string,
  snippet: string,
  location: string | null,
): AttemptFailure {
  const said = snippet ? ` (server said: ${JSON.stringify(snippet)})` : '';
  const detail = `HTTP ${status}${statusText ? ` ${statusText}` : ''}${said}`;
  return { status, code: null, detail, advice: statusAdvice(status, location), retry: isRetryableStatus(status) };
}

function statusAdvice(status: number, location: string | null): string {
  // Following a redirect would turn the POST into a GET and drop the alert, so it is reported instead.
  if (status >= 300 && status < 400)
    return `the URL redirects${location ? ` to ${location}` : ''}; put the final URL in settings (alerts.webhook.url)`;
  if (status === 401 || status === 403) return 'check the webhook token in settings (alerts.webhook.token)';
  if (status === 404 || status === 405 || status === 410)
    return 'check the webhook URL in settings (alerts.webhook.url)';
  if (isRetryableStatus(status))
    return 'the webhook server is failing or overloaded; check it, and the webhook URL in settings (alerts.webhook.url)';
  return 'check the webhook URL and token in settings (alerts.webhook)';
}

/**
 * A fetch that threw: timeout, refused, unknown host, TLS, reset… All are retried.
 *
 * @example
 * networkFailure(new DOMException('timed out', 'TimeoutError'), 5000).code // 'TIMEOUT'
 */
export function networkFailure(error: unknown, timeoutMs: number): AttemptFailure {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return {
      status: null,
      code: 'TIMEOUT',
      detail: `no response within ${timeoutMs} ms (timeout)`,
      advice: 'check that the webhook server is up and reachable, or raise alerts.webhook.timeout in settings',
      retry: true,
    };
  }
  const code = errorCode(error);
  const what = code ? (KNOWN[code] ?? 'network error') : `network error: ${(error as Error)?.message ?? String(error)}`;
  const advice = code?.includes('CERT')
    ? "the server's TLS certificate was rejected; fix the certificate or the webhook URL in settings (alerts.webhook.url)"
    : 'check the host and port of the webhook URL in settings (alerts.webhook.url), and that the server is running';
  return { status: null, code, detail: code ? `${what} (${code})` : what, advice, retry: true };
}

const KNOWN: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'could not connect in time',
};

// fetch wraps the socket error as `cause`; with several addresses (IPv4 and IPv6) it is an AggregateError.
function errorCode(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner: unknown = e instanceof AggregateError ? e.errors[0] : e.cause;
    e = inner;
  }
  return null;
}
