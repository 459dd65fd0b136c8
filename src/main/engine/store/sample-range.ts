/**
 * Committed raw samples in time order after a given timestamp: what the exporter streams and the
 * push outbox reads behind its cursor. Reads stored rows only (the caller flushes first when it
 * needs the newest seconds), in bounded chunks, so any range streams in constant memory.
 *
 * @example
 * let after = from - 1;
 * for (let rows = range.read(after, to, 5000); rows.length > 0; rows = range.read(after, to, 5000)) {
 *   write(rows);
 *   after = rows.at(-1)!.ts;
 * }
 */
import type Database from 'better-sqlite3';
import type { Sample } from '../../../shared/sample.js';
import { decodeValues, type Layout } from './codec.js';
import { noteBlobBytes } from './blob-garbage.js';
import type { LayoutRegistry } from './layout-registry.js';
import type { QueryFailures } from './page-check.js';

type RowTuple = [number, number, Buffer];

export type RowVisitor = (ts: number, layout: Layout, data: Buffer) => void;

/** Reports a chunk's bytes (from its first row's size) for blob-garbage.ts. */
function noteRows(rows: readonly RowTuple[]): void {
  if (rows.length > 0) noteBlobBytes(rows.length * (rows[0]![2].byteLength + 16));
}

export class SampleRange {
  private readonly rowsStmt: Database.Statement<[number, number, number], RowTuple>;
  private readonly countStmt: Database.Statement<[number, number], number>;
  private readonly oldestStmt: Database.Statement<[number], number | null>;

  constructor(
    db: Database.Database,
    private readonly registry: LayoutRegistry,
    /** Names a read the device failed (export and the outbox say which disk, not "malformed"). */
    private readonly failures: QueryFailures,
  ) {
    this.rowsStmt = db
      .prepare<[number, number, number], RowTuple>(
        'SELECT ts, layout, data FROM samples WHERE ts > ? AND ts <= ? ORDER BY ts LIMIT ?',
      )
      .raw();
    this.countStmt = db
      .prepare<[number, number], number>('SELECT count(*) FROM samples WHERE ts > ? AND ts <= ?')
      .pluck();
    this.oldestStmt = db.prepare<[number], number | null>('SELECT min(ts) FROM samples WHERE ts > ?').pluck();
  }

  /** Up to `limit` samples with after < ts <= to, oldest first. */
  read(after: number, to: number, limit: number): Sample[] {
    const rows = this.rows(after, to, limit);
    return rows.map(([ts, layoutId, data]) => ({ ts, values: decodeValues(this.registry.byId(layoutId), data) }));
  }

  /** The same rows undecoded, for writers that format values straight from the blob; returns the last ts or null. */
  scan(after: number, to: number, limit: number, visit: RowVisitor): number | null {
    let last: number | null = null;
    const rows = this.rows(after, to, limit);
    for (const [ts, layoutId, data] of rows) {
      visit(ts, this.registry.byId(layoutId), data);
      last = ts;
    }
    return last;
  }

  count(after: number, to: number): number {
    return this.failures.run(() => this.countStmt.get(after, to) ?? 0);
  }

  /** The oldest stored sample after `after`, or null. */
  oldestAfter(after: number): number | null {
    return this.failures.run(() => this.oldestStmt.get(after) ?? null);
  }

  private rows(after: number, to: number, limit: number): RowTuple[] {
    const rows = this.failures.run(() => this.rowsStmt.all(after, to, limit));
    noteRows(rows);
    return rows;
  }
}
