/**
 * The webhook channel: POSTs the documented JSON body (see WEBHOOK.md) to a URL of the user's,
 * retrying transient failures with backoff. Runs inside the dispatcher's per-channel queue, so a
 * slow server delays only later webhook notifications, never sampling or other channels.
 *
 * @example
 * dispatcher.add(new WebhookNotifier(settings.alerts.webhook, { log }));
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { WebhookSettings } from '../../../../shared/alert-settings.js';
import type { Logger } from '../../log/logger.js';
import { headlessSealer, SecretCodec } from '../../settings/secret-codec.js';
import { systemClock } from '../../schedule/clock.js';
import { VERSION } from '../../version.js';
import type { Notification, Notifier } from './notifier.js';
import { webhookBody } from './webhook-body.js';
import {
  type AttemptFailure,
  networkFailure,
  redact,
  safeLocation,
  safeTarget,
  statusFailure,
} from './webhook-failure.js';
import { backoffMs, retryAfterMs } from './webhook-retry.js';

export interface WebhookNotifierOptions {
  readonly log: Logger;
  /** For tests and proxies; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Waits between attempts; tests pass a fast one. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source, in [0, 1). */
  readonly random?: () => number;
  /** The whole `user-agent` header; `dashlight/<version>` by default. */
  readonly userAgent?: string;
  /** Opens the token (a secret of the settings); the headless codec by default. */
  readonly secrets?: SecretCodec;
}

/** The final failure of a delivery; the message says what failed and what to do, never the token. */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  constructor(
    message: string,
    /** The last HTTP status, or null when no response arrived. */
    readonly status: number | null,
    /** The last error code (ECONNREFUSED, TIMEOUT, …), or null. */
    readonly code: string | null,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** How much of an error response is quoted in the message; the rest is read and thrown away. */
const SNIPPET_BYTES = 200;

/**
 * Sends each notification as one POST, with up to `settings.attempts` attempts of `settings.timeout` ms each.
 *
 * @example
 * const hook = new WebhookNotifier({ url: 'https://hooks.example.com/x', token: 't', timeout: 5000, attempts: 4, enabled: true }, { log });
 * await hook.send(notificationFor(event, host)); // rejects with a WebhookDeliveryError after the last attempt
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook';
  private readonly closing = new AbortController();
  private readonly target: string;
  private readonly headers: Record<string, string>;
  /** The token opened; null when there is none. */
  private readonly token: string | null = null;
  /** Why the token cannot be opened here (it is then never sent in any form). */
  private readonly tokenProblem: string | null = null;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly options: WebhookNotifierOptions,
  ) {
    this.target = safeTarget(settings.url);
    if (settings.token !== null) {
      try {
        this.token = (options.secrets ?? new SecretCodec(headlessSealer)).open(settings.token);
      } catch (error) {
        this.tokenProblem = (error as Error).message;
      }
    }
    this.headers = {
      'content-type': 'application/json',
      'user-agent': options.userAgent ?? `dashlight/${VERSION}`,
      ...(this.token === null ? {} : { authorization: `Bearer ${this.token}` }),
    };
  }

  async send(n: Notification): Promise<void> {
    if (!this.settings.enabled)
      throw new Error('The webhook channel is disabled; set alerts.webhook.enabled to true in settings to use it.');
    if (this.tokenProblem !== null)
      throw new WebhookDeliveryError(
        `Webhook to ${this.target} was not sent: its token (alerts.webhook.token) cannot be used: ${this.tokenProblem}.`,
        null,
        'TOKEN',
        0,
      );
    const body = JSON.stringify(webhookBody(n));
    const attempts = Math.max(1, this.settings.attempts);
    let attempt = 0;
    let failure: AttemptFailure | null = null;
    while (attempt < attempts) {
      attempt++;
      this.throwIfClosed();
      const result = await this.attempt(body);
      failure = result.failure;
      if (failure === null) return;
      if (!failure.retry || attempt === attempts) break;
      const wait = result.retryAfterMs ?? backoffMs(attempt, this.options.random ?? Math.random);
      const { status, code } = failure;
      this.options.log.debug(
        { target: this.target, attempt, status, code, waitMs: wait },
        'webhook attempt failed; retrying',
      );
      await this.sleep(wait);
    }
    const f = failure as AttemptFailure;
    const advice = f.advice.charAt(0).toUpperCase() + f.advice.slice(1);
    const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
    throw new WebhookDeliveryError(
      `Webhook to ${this.target} failed after ${tries}: ${f.detail}. ${advice}.`,
      f.status,
      f.code,
      attempt,
    );
  }

  /** Stops retries and aborts the request in flight; later sends reject. */
  async close(): Promise<void> {
    this.closing.abort();
  }

  private async attempt(body: string): Promise<{ failure: AttemptFailure | null; retryAfterMs: number | null }> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.settings.timeout), this.closing.signal]);
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.settings.url, {
        method: 'POST',
        headers: this.headers,
        body,
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      this.throwIfClosed();
      return { failure: networkFailure(error, this.settings.timeout), retryAfterMs: null };
    }
    // Read past the snippet by the token's length so a token straddling the cut is still seen whole.
    const keep = response.ok ? 0 : SNIPPET_BYTES + Buffer.byteLength(this.token ?? '');
    const raw = redact(await this.drain(response, keep), this.token);
    const snippet = raw.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_BYTES);
    if (response.ok) return { failure: null, retryAfterMs: null };
    const location = response.headers.get('location');
    return {
      failure: statusFailure(
        response.status,
        response.statusText,
        snippet,
        location && safeLocation(location, this.settings.url),
      ),
      // A wait for the timers, so read against the system clock they follow.
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), systemClock.wall()),
    };
  }

  /**
   * Reads at most `keep` bytes of the body, then cancels the rest, so the socket is freed at once
   * (reused, or closed if the body was still coming) rather than when the response is collected.
   */
  private async drain(response: Response, keep: number): Promise<string> {
    if (!response.body) return '';
    const reader = response.body.getReader();
    const kept: Uint8Array[] = [];
    let read = 0;
    try {
      while (read < keep) {
        const { done, value } = await reader.read();
        if (done) break;
        kept.push(value.subarray(0, keep - read));
        read += value.byteLength;
      }
    } catch {
      // A body cut short (timeout, reset) changes nothing: the status already arrived.
    }
    await reader.cancel().catch(() => {});
    return new TextDecoder().decode(Buffer.concat(kept));
  }

  private sleep(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms);
    // Unref'd: a pending retry alone should not keep a finished process alive.
    return delay(ms, undefined, { signal: this.closing.signal, ref: false }).catch(() => this.throwIfClosed());
  }

  private throwIfClosed(): void {
    if (this.closing.signal.aborted)
      throw new Error(
        `Webhook to ${this.target} was not sent: the webhook channel was closed (shutdown or settings change).`,
      );
  }
}
