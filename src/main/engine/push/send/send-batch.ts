/**
 * One POST of one already-encoded batch, and what the pusher should do next. Nothing here retries,
 * sleeps or splits: the outcome says which, so the policy lives in one place (the pusher).
 *
 * Same input bytes give the same request bytes (gzipSync writes no timestamp), so a re-send after
 * a crash or a timeout is byte-identical and carries the same Idempotency-Key.
 *
 * @example
 * const outcome = await sendBatch(target, { id: 'vm-1700000000000-1700000299000', body, contentType: 'text/plain' });
 * if (outcome.kind === 'retry') setTimeout(again, nextDelayMs(attempt, Math.random, outcome.retryAfterMs));
 */
import { gzipBody } from '../encode/gzip.js';
import type { ClearPushTarget } from '../../../../shared/push-settings.js';
import { systemClock } from '../../schedule/clock.js';
import { VERSION } from '../../version.js';
import { AuthConfigError, authHeaders, secretsOf } from './auth-headers.js';
import { parseRetryAfter } from './backoff.js';
import { bodyExcerpt, discardBody, networkReason, refusalHint, statusName } from './failure-text.js';
import { endpointFor, safeUrl } from './target-url.js';

export interface OutgoingBatch {
  /** Deterministic batch id; sent as Idempotency-Key so the server can drop a re-send. */
  readonly id: string;
  /** The encoded payload, not compressed. */
  readonly body: Buffer;
  readonly contentType: string;
}

export interface SendOptions {
  readonly fetch?: typeof fetch;
  /** Defaults to `target.gzip`; the pusher passes false after a `gzip-refused`. */
  readonly gzip?: boolean;
  /** Cancels the request (shutdown, pause); the outcome is then a `retry` saying so. */
  readonly signal?: AbortSignal;
  readonly userAgent?: string;
  /** The clock for Retry-After dates; injectable for tests. */
  readonly now?: () => number;
}

export type SendOutcome =
  | { kind: 'ok'; status: number; elapsedMs: number }
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; reason: string }
  | { kind: 'split'; status: 413; reason: string }
  | { kind: 'dead'; status: number; reason: string; bodyExcerpt: string }
  | { kind: 'gzip-refused'; status: number; reason: string };

export const DEFAULT_USER_AGENT = `dashlight/${VERSION}`;

// The pusher re-sends the same Buffer on retry; compressing it once is enough. Batch bodies are
// never mutated after encoding (that would break byte-identical re-sends anyway).
const gzipCache = new WeakMap<Buffer, Buffer>();
function gzipped(body: Buffer): Buffer {
  let packed = gzipCache.get(body);
  if (packed === undefined) gzipCache.set(body, (packed = gzipBody(body)));
  return packed;
}

interface Prepared {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly secrets: string[];
}

/**
 * fetch refuses URLs with credentials, and its error quotes the URL. So `https://user:pw@host`
 * becomes Basic auth (as curl does) unless the target has its own `auth`, and leaves the URL.
 */
function prepare(target: ClearPushTarget, batch: OutgoingBatch, gzip: boolean, userAgent: string): Prepared {
  const url = endpointFor(target);
  let auth = target.auth;
  if (url.username !== '' || url.password !== '') {
    auth ??= {
      type: 'basic',
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
    url.username = '';
    url.password = '';
  }
  const headers: Record<string, string> = {
    'content-type': batch.contentType,
    'user-agent': userAgent,
    // Harmless to servers that ignore it; lets a deduplicating http-json receiver drop re-sends.
    'idempotency-key': batch.id,
    ...authHeaders(auth),
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  return { url, headers, secrets: secretsOf(auth) };
}

export async function sendBatch(
  target: ClearPushTarget,
  batch: OutgoingBatch,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const gzip = options.gzip ?? target.gzip;
  let prepared: Prepared;
  try {
    prepared = prepare(target, batch, gzip, options.userAgent ?? DEFAULT_USER_AGENT);
  } catch (error) {
    // A local configuration problem: keep the batch pending (retry) rather than dead-letter data.
    const why = error instanceof AuthConfigError ? error.message : 'the target URL is invalid';
    return { kind: 'retry', status: null, retryAfterMs: null, reason: `the request could not be built: ${why}` };
  }

  const timeout = AbortSignal.timeout(target.timeout);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = performance.now();
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(prepared.url, {
      method: 'POST',
      headers: prepared.headers,
      body: gzip ? gzipped(batch.body) : batch.body,
      // A redirected POST may come back as a GET without the body (301/302/303), and following it
      // to another host would hand it our credentials; so a 3xx is reported, never followed.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const context = {
      timedOut: timeout.aborted,
      cancelled: options.signal?.aborted ?? false,
      timeoutMs: target.timeout,
    };
    return { kind: 'retry', status: null, retryAfterMs: null, reason: networkReason(error, context) };
  }
  return classify(response, {
    gzip,
    secrets: prepared.secrets,
    // Retry-After is a wait for the timers, so it is read against the system clock they follow.
    now: options.now ?? systemClock.wall,
    started,
    endpoint: prepared.url,
  });
}

interface ClassifyContext {
  readonly gzip: boolean;
  readonly secrets: readonly string[];
  readonly now: () => number;
  readonly started: number;
  readonly endpoint: URL;
}

async function classify(response: Response, context: ClassifyContext): Promise<SendOutcome> {
  const { status } = response;
  const name = statusName(status);
  if (status >= 200 && status <= 299) {
    await discardBody(response);
    return { kind: 'ok', status, elapsedMs: Math.round(performance.now() - context.started) };
  }
  if (status === 413) {
    await discardBody(response);
    return { kind: 'split', status, reason: `${name}: the batch is too large for the server; splitting it` };
  }
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) {
    await discardBody(response);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), context.now());
    const when = retryAfterMs === null ? '' : `; the server asked to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    return { kind: 'retry', status, retryAfterMs, reason: `${name}${when}` };
  }
  if (status >= 300 && status <= 399) {
    const to = redirectTarget(response.headers.get('location'), context.endpoint);
    await discardBody(response);
    return {
      kind: 'dead',
      status,
      reason: `${name}: redirected${to}; redirects are not followed, set the target URL to the final address`,
      bodyExcerpt: '',
    };
  }
  const excerpt = await bodyExcerpt(response, context.secrets);
  // 415 is the standard refusal of a Content-Encoding; some servers say 400 and name it in the body.
  if (context.gzip && (status === 415 || (status === 400 && /gzip|content[- ]?encoding/i.test(excerpt)))) {
    return {
      kind: 'gzip-refused',
      status,
      reason: `${name}: the server refused the gzip body; sending it uncompressed`,
    };
  }
  const hint = status >= 400 && status <= 499 ? refusalHint(status) : 'unexpected status';
  return { kind: 'dead', status, reason: `${name}: ${hint}`, bodyExcerpt: excerpt };
}

/** ` to <where>` for a redirect's reason, without credentials; empty when there is no usable Location. */
function redirectTarget(location: string | null, endpoint: URL): string {
  if (location === null) return '';
  try {
    return ` to ${safeUrl(new URL(location, endpoint))}`;
  } catch {
    return '';
  }
}
