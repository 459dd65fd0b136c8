/**
 * How many rows each tier holds in a range, for real: the `row_counts` table keeps the rows of
 * every tier per span (schema.ts `countSpan`: an hour for fine tiers, a day or more for coarse
 * ones), and a range is counted as the sum of the spans it covers plus an exact COUNT(*) of the
 * two partial spans at its ends. Never an estimate from the newest rows, and never COUNT(*) over
 * a week of rows (~70 ms).
 *
 * The counts change in the transactions that change the rows: a commit adds what it inserted,
 * a rollup recounts the spans of the window it rewrote, retention drops the spans it emptied and
 * recounts the one it cut through.
 *
 * @example
 * const counts = new RowCounts(db);
 * counts.count('raw', from, to) // 86400
 * counts.totals()               // { raw: 604800, '10s': 60480, '1m': 129600, … }
 */
import type Database from 'better-sqlite3';
import { TIER_LIST, tierInfo, type StoreTier } from './schema.js';

interface TierStatements {
  readonly sum: Database.Statement<[number, number], number | null>;
  readonly exact: Database.Statement<[number, number], number>;
}

export class RowCounts {
  private readonly stmt = new Map<StoreTier, TierStatements>();
  private readonly upsert: Database.Statement<[string, number, number]>;
  private readonly replace: Database.Statement<[string, number, number]>;
  private readonly dropSpan: Database.Statement<[string, number]>;
  private readonly dropBefore: Database.Statement<[string, number]>;
  private readonly totalsStmt: Database.Statement<[], { tier: string; rows: number }>;

  constructor(private readonly db: Database.Database) {
    for (const tier of TIER_LIST) {
      this.stmt.set(tier.name, {
        sum: db
          .prepare<[number, number], number | null>(
            `SELECT sum(rows) FROM row_counts WHERE tier = '${tier.name}' AND span >= ? AND span < ?`,
          )
          .pluck(),
        exact: db
          .prepare<[number, number], number>(`SELECT count(*) FROM ${tier.table} WHERE ts >= ? AND ts <= ?`)
          .pluck(),
      });
    }
    this.upsert = db.prepare(
      'INSERT INTO row_counts (tier, span, rows) VALUES (?, ?, ?) ON CONFLICT (tier, span) DO UPDATE SET rows = rows + excluded.rows',
    );
    this.replace = db.prepare('INSERT OR REPLACE INTO row_counts (tier, span, rows) VALUES (?, ?, ?)');
    this.dropSpan = db.prepare('DELETE FROM row_counts WHERE tier = ? AND span = ?');
    this.dropBefore = db.prepare('DELETE FROM row_counts WHERE tier = ? AND span < ?');
    this.totalsStmt = db.prepare('SELECT tier, sum(rows) AS rows FROM row_counts GROUP BY tier');
  }

  /** Rows of the tier's table with from ≤ ts ≤ to (stored rows only). */
  count(tier: StoreTier, from: number, to: number): number {
    if (to < from) return 0;
    const span = tierInfo(tier).countSpan;
    const { sum, exact } = this.stmt.get(tier)!;
    const firstWhole = Math.ceil(from / span) * span;
    const wholeEnd = Math.floor((to + 1) / span) * span;
    if (firstWhole >= wholeEnd) return exact.get(from, to) ?? 0;
    let rows = sum.get(firstWhole, wholeEnd) ?? 0;
    if (from < firstWhole) rows += exact.get(from, firstWhole - 1) ?? 0;
    if (wholeEnd <= to) rows += exact.get(wholeEnd, to) ?? 0;
    return rows;
  }

  /** Every tier's stored rows, finest first. */
  totals(): Record<StoreTier, number> {
    const totals = Object.fromEntries(TIER_LIST.map((tier) => [tier.name, 0])) as Record<StoreTier, number>;
    for (const { tier, rows } of this.totalsStmt.all()) {
      if (tier in totals) totals[tier as StoreTier] = rows;
    }
    return totals;
  }

  /** Counts rows just inserted at these timestamps; call inside the inserting transaction. */
  added(tier: StoreTier, timestamps: Iterable<number>): void {
    const span = tierInfo(tier).countSpan;
    const perSpan = new Map<number, number>();
    for (const ts of timestamps) {
      const start = Math.floor(ts / span) * span;
      perSpan.set(start, (perSpan.get(start) ?? 0) + 1);
    }
    for (const [start, rows] of perSpan) this.upsert.run(tier, start, rows);
  }

  /** Recounts every span overlapping [from, to] from the table; call inside the changing transaction. */
  recount(tier: StoreTier, from: number, to: number): void {
    const span = tierInfo(tier).countSpan;
    const { exact } = this.stmt.get(tier)!;
    for (let start = Math.floor(from / span) * span; start <= to; start += span) {
      const rows = exact.get(start, start + span - 1) ?? 0;
      if (rows > 0) this.replace.run(tier, start, rows);
      else this.dropSpan.run(tier, start);
    }
  }

  /** Rows older than `before` were deleted: forget their spans, recount the one it cuts through. */
  deletedBefore(tier: StoreTier, before: number): void {
    const span = tierInfo(tier).countSpan;
    const cut = Math.floor(before / span) * span;
    this.dropBefore.run(tier, cut);
    this.recount(tier, cut, cut);
  }

  /** Counts a whole tier afresh (after rows were written around the store, as synthetic-history.ts does). */
  rebuild(tier: StoreTier): void {
    const { table, countSpan: span } = tierInfo(tier);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM row_counts WHERE tier = ?').run(tier);
      // Integer literals, so that ts / span divides as integers.
      this.db
        .prepare(
          `INSERT INTO row_counts (tier, span, rows) SELECT ?, (ts / ${span}) * ${span}, count(*) FROM ${table} GROUP BY 2`,
        )
        .run(tier);
    })();
  }
}
