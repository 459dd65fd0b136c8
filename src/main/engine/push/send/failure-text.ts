/**
 * Short, human reasons for a failed send, and a bounded excerpt of a refusal. Reasons are built
 * from status codes and error codes only, never from request headers or URLs, so a token or a
 * password cannot end up in the status line or the log.
 *
 * @example
 * statusName(503) // '503 Service Unavailable'
 * networkReason(err, { timedOut: false, cancelled: false, timeoutMs: 30_000 }) // 'connection refused (ECONNREFUSED)'
 */
export const EXCERPT_CHARS = 500;

/**
 * The names of the statuses a push target meets. Not node:http's STATUS_CODES: importing
 * node:http loads the whole HTTP stack into the engine at start, megabytes it never uses.
 */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusName(status: number): string {
  const text = STATUS_TEXT[status];
  return text === undefined ? `HTTP ${status}` : `${status} ${text}`;
}

const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  UND_ERR_SOCKET: 'the server closed the connection without answering',
  EPIPE: 'the server closed the connection while the batch was sent',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
};

/** The error code of a fetch failure: fetch wraps the socket error as `cause`, sometimes in an AggregateError. */
function codeOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner[0] instanceof Error) return codeOf(inner[0]);
  }
  return null;
}

export interface FailureContext {
  /** The per-request timeout fired. */
  readonly timedOut: boolean;
  /** The caller's signal fired (shutdown, pause). */
  readonly cancelled: boolean;
  readonly timeoutMs: number;
}

export function networkReason(error: unknown, context: FailureContext): string {
  if (context.cancelled) return 'cancelled before the server answered';
  if (context.timedOut) return `timeout after ${context.timeoutMs} ms`;
  const code = codeOf(error);
  if (code !== null) return `${NETWORK_TEXT[code] ?? 'network error'} (${code})`;
  // Without a code, undici's messages are fixed phrases such as "bad port"; they carry no URL.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return `network error (${cause instanceof Error ? cause.message.slice(0, 80) : String(cause).slice(0, 80)})`;
}

/** Why a refusal happened, in a few words, for the common 4xx codes. */
export function refusalHint(status: number): string {
  if (status === 401 || status === 403) return "check the target's credentials";
  if (status === 404 || status === 405) return "check the target's URL";
  if (status === 400 || status === 422) return 'the server rejected the batch';
  return 'the server refused the batch';
}

/**
 * Up to EXCERPT_CHARS characters of the response body; the rest is cancelled unread, so a huge
 * error page costs nothing. `secrets` are replaced by `***` in case the server echoes a header.
 */
export async function bodyExcerpt(response: Response, secrets: readonly string[]): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  try {
    // Four bytes per character at most in UTF-8, so this many bytes always hold enough characters.
    while (bytes < EXCERPT_CHARS * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
    }
  } catch {
    // A timeout or reset mid-body: what arrived is still worth showing.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  let text = Buffer.concat(chunks).toString('utf8');
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('***');
  return text.slice(0, EXCERPT_CHARS);
}

/** Release the connection without reading a body we do not need. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
