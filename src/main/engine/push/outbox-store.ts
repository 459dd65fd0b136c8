/**
 * The push outbox's bookkeeping in SQLite: one cursor per target over the stored samples (no
 * copy of the data), the batch in flight, delivered batches, dead letters and exact counts.
 * Every change that moves a cursor runs in one transaction with the record that justifies it.
 *
 * @example
 * const outbox = new OutboxStore(store.connection);
 * const cursor = outbox.cursor('vm', () => 0);
 * outbox.acknowledge('vm', { id, firstTs, lastTs, samples, bytes }, 204, Date.now());
 */
import type Database from 'better-sqlite3';
import type { DeadLetter } from '../../../shared/push.js';

export interface CursorRow {
  readonly target: string;
  /** Newest sample delivered, dead-lettered or dropped; the next batch starts after it. */
  readonly cursorTs: number;
  /** Last sample of the batch in flight, so a re-send after a crash covers the same rows. */
  readonly inflightTo: number | null;
  readonly sentTotal: number;
  readonly droppedTotal: number;
  readonly deadTotal: number;
  readonly lastSuccess: number | null;
  readonly lastError: string | null;
  readonly lastErrorAt: number | null;
  readonly paused: boolean;
  /** When the next attempt after a failure is due; null when none is pending. */
  readonly nextAttemptAt: number | null;
  /** The server asked not to be sent anything before then (Retry-After); null when it did not. */
  readonly retryAfterUntil: number | null;
  /** Failed attempts in a row. */
  readonly attempts: number;
}

/** What a failed attempt leaves for the next one: when, and how long the server asked to wait. */
export interface RetryPlan {
  readonly nextAttemptAt: number;
  readonly retryAfterUntil: number | null;
  readonly attempts: number;
}

export interface BatchRecord {
  readonly id: string;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly samples: number;
  readonly bytes: number;
}

interface RawCursor {
  target: string;
  cursor_ts: number;
  inflight_to: number | null;
  sent_total: number;
  dropped_total: number;
  dead_total: number;
  last_success: number | null;
  last_error: string | null;
  last_error_at: number | null;
  paused: number;
  next_attempt_at: number | null;
  retry_after_until: number | null;
  attempts: number;
}

/** A delivery, or a batch refused for good, ends the retry plan. */
const NO_RETRY = 'next_attempt_at = NULL, retry_after_until = NULL, attempts = 0';

export class OutboxStore {
  private readonly get: Database.Statement<[string], RawCursor | undefined>;
  private readonly insert: Database.Statement<[string, number]>;
  private readonly setInflight: Database.Statement<[number | null, string]>;
  private readonly ack: Database.Statement<[number, number, number, string]>;
  private readonly delivery: Database.Statement<[string, string, number, number, number, number, number, number]>;
  private readonly dead: Database.Statement<[number, number, string, string]>;
  private readonly deadLetter: Database.Statement<[string, string, number, number, number, number, string, number]>;
  private readonly drop: Database.Statement<[number, number, string]>;
  private readonly error: Database.Statement<[string, number, number, number | null, number, string]>;
  private readonly pause: Database.Statement<[number, string]>;
  private readonly deadList: Database.Statement<[string, number], RawDeadLetter>;
  private readonly deadCount: Database.Statement<[string], number>;
  private readonly all: Database.Statement<[], RawCursor>;
  private readonly remove: Database.Statement<[string]>;
  private readonly pruneDeliveries: Database.Statement<[number]>;

  constructor(private readonly db: Database.Database) {
    this.get = db.prepare('SELECT * FROM push_cursors WHERE target = ?');
    this.all = db.prepare('SELECT * FROM push_cursors');
    this.insert = db.prepare('INSERT OR IGNORE INTO push_cursors (target, cursor_ts) VALUES (?, ?)');
    this.setInflight = db.prepare('UPDATE push_cursors SET inflight_to = ? WHERE target = ?');
    this.ack = db.prepare(
      `UPDATE push_cursors SET cursor_ts = max(cursor_ts, ?), inflight_to = NULL, sent_total = sent_total + ?, last_success = ?, last_error = NULL, ${NO_RETRY} WHERE target = ?`,
    );
    this.delivery = db.prepare(
      'INSERT OR REPLACE INTO push_deliveries (batch_id, target, first_ts, last_ts, samples, bytes, status, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.dead = db.prepare(
      `UPDATE push_cursors SET cursor_ts = max(cursor_ts, ?), inflight_to = NULL, dead_total = dead_total + ?, last_error = ?, ${NO_RETRY} WHERE target = ?`,
    );
    this.deadLetter = db.prepare(
      'INSERT INTO push_dead_letters (target, batch_id, first_ts, last_ts, samples, status, body_excerpt, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.drop = db.prepare(
      'UPDATE push_cursors SET cursor_ts = max(cursor_ts, ?), inflight_to = NULL, dropped_total = dropped_total + ? WHERE target = ?',
    );
    this.error = db.prepare(
      'UPDATE push_cursors SET last_error = ?, last_error_at = ?, next_attempt_at = ?, retry_after_until = ?, attempts = ? WHERE target = ?',
    );
    this.pause = db.prepare('UPDATE push_cursors SET paused = ? WHERE target = ?');
    this.deadList = db.prepare('SELECT * FROM push_dead_letters WHERE target = ? ORDER BY id DESC LIMIT ?');
    this.deadCount = db.prepare<[string], number>('SELECT count(*) FROM push_dead_letters WHERE target = ?').pluck();
    this.remove = db.prepare('DELETE FROM push_cursors WHERE target = ?');
    this.pruneDeliveries = db.prepare('DELETE FROM push_deliveries WHERE at < ?');
  }

  /** The target's cursor, created at `start()` (a timestamp just before the first sample to send) if new. */
  cursor(target: string, start: () => number): CursorRow {
    this.insert.run(target, start());
    return toCursor(this.get.get(target)!);
  }

  cursors(): CursorRow[] {
    return this.all.all().map(toCursor);
  }

  /** Remembers the batch about to be sent (before sending, so a crash re-sends the same rows). */
  markInflight(target: string, lastTs: number | null): void {
    this.setInflight.run(lastTs, target);
  }

  /** A 2xx: the delivery is recorded and the cursor moves past the batch, atomically. */
  acknowledge(target: string, batch: BatchRecord, status: number, at: number): void {
    this.db.transaction(() => {
      this.delivery.run(batch.id, target, batch.firstTs, batch.lastTs, batch.samples, batch.bytes, status, at);
      this.ack.run(batch.lastTs, batch.samples, at, target);
    })();
  }

  /** A batch the server refused for good: recorded, and the cursor moves past it for this target only. */
  deadLettered(target: string, batch: BatchRecord, status: number, excerpt: string, reason: string, at: number): void {
    this.db.transaction(() => {
      this.deadLetter.run(target, batch.id, batch.firstTs, batch.lastTs, batch.samples, status, excerpt, at);
      this.dead.run(batch.lastTs, batch.samples, reason, target);
    })();
  }

  /** Samples lost to retention before they were sent: counted, and the cursor moves past them. */
  dropped(target: string, count: number, throughTs: number): void {
    this.drop.run(throughTs, count, target);
  }

  /** A failed attempt to retry: why, and the plan every process then sees and obeys. */
  failed(target: string, reason: string, at: number, plan: RetryPlan): void {
    this.error.run(reason, at, plan.nextAttemptAt, plan.retryAfterUntil, plan.attempts, target);
  }

  setPaused(target: string, paused: boolean): void {
    this.pause.run(paused ? 1 : 0, target);
  }

  deadLetters(target: string, limit = 50): DeadLetter[] {
    return this.deadList.all(target, limit).map((r) => ({
      id: r.id,
      target: r.target,
      batchId: r.batch_id,
      firstTs: r.first_ts,
      lastTs: r.last_ts,
      samples: r.samples,
      status: r.status,
      bodyExcerpt: r.body_excerpt,
      at: r.at,
    }));
  }

  deadLetterCount(target: string): number {
    return this.deadCount.get(target) ?? 0;
  }

  /** A target removed from the settings forgets its cursor (re-adding it starts afresh). */
  forget(target: string): void {
    this.remove.run(target);
  }

  /** Delivery records are an audit trail, kept for a while. */
  prune(before: number): number {
    return this.pruneDeliveries.run(before).changes;
  }
}

interface RawDeadLetter {
  id: number;
  target: string;
  batch_id: string;
  first_ts: number;
  last_ts: number;
  samples: number;
  status: number;
  body_excerpt: string | null;
  at: number;
}

function toCursor(r: RawCursor): CursorRow {
  return {
    target: r.target,
    cursorTs: r.cursor_ts,
    inflightTo: r.inflight_to,
    sentTotal: r.sent_total,
    droppedTotal: r.dropped_total,
    deadTotal: r.dead_total,
    lastSuccess: r.last_success,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    paused: r.paused === 1,
    nextAttemptAt: r.next_attempt_at,
    retryAfterUntil: r.retry_after_until,
    attempts: r.attempts,
  };
}
