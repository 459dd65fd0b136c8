/**
 * Delivers one target's samples: reads the batch after its cursor, encodes it, sends it, and
 * moves the cursor only after a 2xx. A backlog drains batch after batch; between batches it
 * waits `interval`; after a failure it backs off (5 s, 10 s, 20 s, then every 30 s, with jitter,
 * never sooner than a Retry-After). The retry plan is kept with the cursor in the database, so a
 * restarted engine carries on with it and another process (`dashlight push now`) obeys it too. A
 * batch the server refuses for good becomes a dead letter; a 413 splits the batch in halves.
 *
 * The batch id is the target plus the first and last sample, and the last sample is recorded
 * before sending, so after a crash the same rows are re-sent: the same id, the same bytes.
 *
 * @example
 * const pusher = new TargetPusher({ target, store, outbox, meta: { host, osType: 'linux' }, log });
 * pusher.start();
 * await pusher.pushNow();
 */
import type { ClearPushTarget, PushTarget } from '../../../shared/push-settings.js';
import type { Logger } from '../log/logger.js';
import { systemClock } from '../schedule/clock.js';
import type { MetricStore } from '../store/metric-store.js';
import { encodeBatch } from './encode/encode.js';
import type { BatchRecord, OutboxStore } from './outbox-store.js';
import { nextDelayMs } from './send/backoff.js';
import { sendBatch, type SendOutcome } from './send/send-batch.js';

export interface TargetPusherOptions {
  /** The target as stored: its credentials are opened by `open` just before each batch. */
  readonly target: PushTarget;
  /** Opens the target's credentials; throws (SecretUnavailableError) when one cannot be opened here. */
  readonly open: (target: PushTarget) => ClearPushTarget;
  readonly store: MetricStore;
  readonly outbox: OutboxStore;
  readonly meta: { readonly host: string; readonly osType: string };
  readonly log: Logger;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly send?: typeof sendBatch;
  /** The wait before retry `attempt` (tests shorten it); it never undercuts a Retry-After. */
  readonly backoff?: (attempt: number, retryAfterMs: number | null) => number;
  /** Called after each attempt, so status can be published. */
  readonly onAttempt?: () => void;
}

/** The batch id: deterministic, readable, and a valid Idempotency-Key. */
export function batchId(target: string, firstTs: number, lastTs: number): string {
  return `${target}.${firstTs}.${lastTs}`;
}

/** Where a new target's cursor starts: before the oldest stored sample (backfill), or at the newest. */
export function startCursor(store: MetricStore, target: PushTarget, now: number): number {
  if (target.start === 'now') return store.latest()?.ts ?? now;
  const oldest = store.range.oldestAfter(-1);
  return oldest === null ? now : oldest - 1;
}

interface Prepared {
  /** The cursor this batch follows: it is only sent if the cursor is still there. */
  readonly after: number;
  readonly batch: BatchRecord;
  readonly body: Buffer;
  readonly contentType: string;
}

export class TargetPusher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private attempts = 0;
  private stopped = false;
  private gzip: boolean;
  /** Learned from a 413: this server takes at most this many samples per batch. */
  private batchSize: number;
  private readonly abort = new AbortController();
  nextAttemptAt: number | null = null;
  /** The server asked us to wait until then (Retry-After): not even "push now" may send sooner. */
  private retryAfterUntil = 0;
  /** The credential problem was logged; said once until it is fixed. */
  private credentialWarned = false;

  constructor(private readonly options: TargetPusherOptions) {
    this.gzip = options.target.gzip;
    this.batchSize = options.target.batchSize;
  }

  get name(): string {
    return this.options.target.name;
  }

  /**
   * Starts at once (a backlog is drained now), or when the stored retry plan says, if a retry of
   * an earlier run (or another process) is still due; then every `interval`.
   */
  start(): void {
    const cursor = this.options.outbox.cursor(this.name, () => this.startCursor());
    const now = this.now();
    this.attempts = cursor.attempts;
    this.retryAfterUntil = cursor.retryAfterUntil ?? 0;
    const due = cursor.nextAttemptAt !== null && cursor.nextAttemptAt > now ? cursor.nextAttemptAt : null;
    this.nextAttemptAt = due;
    this.schedule(due === null ? 0 : due - now);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running?.catch(() => {});
  }

  /**
   * Sends what is pending now, skipping a backoff wait, but never before a server's Retry-After,
   * whichever process heard it (it is read from the database).
   */
  async pushNow(): Promise<void> {
    const stored = this.options.outbox.cursor(this.name, () => this.startCursor()).retryAfterUntil ?? 0;
    if (Math.max(this.retryAfterUntil, stored) > this.now()) return;
    this.nextAttemptAt = null;
    await this.run();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), Math.max(0, delayMs));
    // A pending push must not keep a CLI process alive.
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain()
      .catch((error: unknown) => this.options.log.error({ err: error, target: this.name }, 'push failed unexpectedly'))
      .finally(() => {
        this.running = null;
        const now = this.now();
        this.schedule(this.nextAttemptAt !== null ? this.nextAttemptAt - now : this.options.target.interval);
      });
    return this.running;
  }

  private async drain(): Promise<void> {
    const { outbox, target } = this.options;
    let clear: ClearPushTarget;
    try {
      clear = this.options.open(target);
    } catch (error) {
      // Nothing is sent without its credential (never the sealed text in its place); status says why.
      if (!this.credentialWarned)
        this.options.log.warn({ target: target.name }, `push target not sending: ${(error as Error).message}`);
      this.credentialWarned = true;
      return;
    }
    this.credentialWarned = false;
    let prepared: Prepared | null = null;
    while (!this.stopped) {
      const cursor = outbox.cursor(target.name, () => this.startCursor());
      if (cursor.paused) return;
      const current =
        prepared?.after === cursor.cursorTs && cursor.inflightTo === null
          ? prepared
          : this.prepare(cursor.cursorTs, cursor.inflightTo);
      prepared = null;
      if (current === null) {
        if (cursor.inflightTo !== null) outbox.markInflight(target.name, null); // its rows were deleted meanwhile
        return;
      }
      outbox.markInflight(target.name, current.batch.lastTs);
      const sending = (this.options.send ?? sendBatch)(
        clear,
        { id: current.batch.id, body: current.body, contentType: current.contentType },
        { gzip: this.gzip, signal: this.abort.signal },
      );
      // While the server ingests this batch, read and encode the next one (a backlog drains
      // about a third faster on two cores). One turn of the loop first, so the request goes out.
      await new Promise((resolve) => setImmediate(resolve));
      if (current.batch.samples === this.batchSize) prepared = this.prepare(current.batch.lastTs, null);
      const outcome = await sending;
      if (this.stopped && outcome.kind !== 'ok') return;
      // A batch re-sent after a restart may be short; what came after it is sent straight away.
      const resent = cursor.inflightTo !== null;
      const more = this.handle(outcome, current.batch, current.batch.samples, resent);
      this.options.onAttempt?.();
      if (!more) return;
      // Give sampling and queries a turn between batches of a long backfill.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Reads and encodes the batch after `after` (up to `through`, for a re-send), or null when there is none. */
  private prepare(after: number, through: number | null): Prepared | null {
    const { store, target } = this.options;
    const rows = store.range.read(after, through ?? Number.MAX_SAFE_INTEGER, this.batchSize);
    if (rows.length === 0) return null;
    const id = batchId(target.name, rows[0]!.ts, rows.at(-1)!.ts);
    const encoded = encodeBatch(target.kind, rows, { batchId: id, ...this.options.meta }, target);
    return {
      after,
      batch: { id, firstTs: rows[0]!.ts, lastTs: rows.at(-1)!.ts, samples: rows.length, bytes: encoded.body.length },
      body: encoded.body,
      contentType: encoded.contentType,
    };
  }

  /** Applies an outcome; true when the next batch should go straight away. */
  private handle(outcome: SendOutcome, batch: BatchRecord, count: number, resent: boolean): boolean {
    const { outbox, target, log } = this.options;
    const now = this.now();
    switch (outcome.kind) {
      case 'ok':
        outbox.acknowledge(target.name, batch, outcome.status, now);
        this.attempts = 0;
        this.nextAttemptAt = null;
        return count === this.batchSize || resent;
      case 'retry': {
        this.attempts++;
        this.nextAttemptAt = now + this.delay(this.attempts, outcome.retryAfterMs);
        const retryAfterUntil = outcome.retryAfterMs === null ? null : now + outcome.retryAfterMs;
        this.retryAfterUntil = retryAfterUntil ?? 0;
        outbox.failed(target.name, outcome.reason, now, {
          nextAttemptAt: this.nextAttemptAt,
          retryAfterUntil,
          attempts: this.attempts,
        });
        log.warn(
          { target: target.name, batch: batch.id, attempt: this.attempts, retryAt: this.nextAttemptAt },
          `push failed, will retry: ${outcome.reason}`,
        );
        return false;
      }
      case 'gzip-refused':
        this.gzip = false;
        log.info(
          { target: target.name },
          `the server refused gzip (${outcome.reason}); sending uncompressed from now on`,
        );
        return true;
      case 'split':
        if (count > 1) {
          this.batchSize = Math.ceil(count / 2);
          outbox.markInflight(target.name, null);
          log.info(
            { target: target.name, batchSize: this.batchSize },
            'the server said the batch is too large (413); splitting it',
          );
          return true;
        }
        outbox.deadLettered(target.name, batch, outcome.status, '', `${outcome.reason} (a single sample)`, now);
        return true;
      case 'dead':
        outbox.deadLettered(target.name, batch, outcome.status, outcome.bodyExcerpt, outcome.reason, now);
        log.error(
          { target: target.name, batch: batch.id, status: outcome.status },
          `push refused; batch kept as a dead letter: ${outcome.reason}`,
        );
        this.attempts = 0;
        return true;
    }
  }

  private startCursor(): number {
    return startCursor(this.options.store, this.options.target, this.now());
  }

  private delay(attempt: number, retryAfterMs: number | null): number {
    if (!this.options.backoff) return nextDelayMs(attempt, this.options.random, retryAfterMs);
    return Math.max(this.options.backoff(attempt, retryAfterMs), retryAfterMs ?? 0);
  }

  private now(): number {
    return (this.options.now ?? systemClock.wall)();
  }
}
