/**
 * Commits the write buffer: every buffered row and gap, and the rows' counts, in one transaction (one fsync at most,
 * never one per sample). When the commit fails the rows stay buffered, the failure is logged
 * once per streak with its cause and remedy, and an Error is thrown for the caller to report.
 *
 * @example
 * const committer = new Committer(db, registry, buffer, gaps, counts, { file, log });
 * committer.commit() // { rows: 10, newestTs: 1767225609000 }
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../log/logger.js';
import type { GapTable } from './catalog-statements.js';
import type { LayoutRegistry } from './layout-registry.js';
import type { RowCounts } from './row-counts.js';
import { describeFailure, type FailureDescription } from './sqlite-errors.js';
import type { WriteBuffer } from './write-buffer.js';

export class Committer {
  private readonly tx: Database.Transaction<() => number>;
  private readonly maxStoredTs: Database.Statement<[], number | null>;
  private readonly insertRow: Database.Statement<[number, number, Buffer]>;
  /** The cause of the current streak of failed commits, or null while commits work. */
  failure: FailureDescription | null = null;

  constructor(
    db: Database.Database,
    private readonly registry: LayoutRegistry,
    private readonly buffer: WriteBuffer,
    private readonly gaps: GapTable,
    private readonly counts: RowCounts,
    private readonly context: { readonly file: string; readonly log: Logger },
  ) {
    this.maxStoredTs = db.prepare<[], number | null>('SELECT max(ts) FROM samples').pluck();
    this.insertRow = db.prepare<[number, number, Buffer]>('INSERT INTO samples (ts, layout, data) VALUES (?, ?, ?)');
    this.tx = db.transaction(() => this.write());
  }

  /** The newest stored timestamp, or null for an empty table. */
  newestStored(): number | null {
    return this.maxStoredTs.get() ?? null;
  }

  /** Writes the buffer; returns the rows written and the newest timestamp now stored. */
  commit(): { rows: number; newestTs: number | null } {
    const rows = this.buffer.size;
    if (rows === 0 && this.buffer.gaps.length === 0) return { rows: 0, newestTs: null };
    let newestTs: number;
    try {
      // IMMEDIATE takes the write lock up front, so a busy database fails fast and cleanly.
      newestTs = this.tx.immediate();
      this.registry.commit();
    } catch (error) {
      this.registry.rollback();
      const failure = describeFailure(error, this.context.file);
      const { code, cause, advice } = failure;
      const message = `could not commit ${rows} samples to ${this.context.file} (${code}): ${cause}. They are kept in memory and retried at the next commit; ${advice}`;
      if (this.failure === null) this.context.log.error({ err: error, code, pending: rows }, message);
      this.failure = failure;
      throw new Error(message, { cause: error });
    }
    this.buffer.clear();
    if (this.failure !== null) this.context.log.info({ rows }, 'commits work again; the buffered samples were written');
    this.failure = null;
    return { rows, newestTs: Number.isFinite(newestTs) ? newestTs : null };
  }

  private write(): number {
    // Another writer (or a clock set back) may have stored newer rows: keep ts unique and increasing.
    let previous = this.maxStoredTs.get() ?? Number.NEGATIVE_INFINITY;
    for (const row of this.buffer.rows) {
      if (row.ts <= previous) row.ts = previous + 1;
      previous = row.ts;
      this.insertRow.run(row.ts, this.registry.persist(row.layout), row.data);
    }
    this.counts.added(
      'raw',
      this.buffer.rows.map((row) => row.ts),
    );
    for (const gap of this.buffer.gaps) this.gaps.insert(gap);
    return previous;
  }
}
