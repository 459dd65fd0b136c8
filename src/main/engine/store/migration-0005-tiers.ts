/**
 * Migration 0005, owned by the store: the tiers between 1 minute and 1 hour and beyond it (10 s,
 * 5 min, 15 min, 6 h, 1 day), the parts tables that hold the rest of wide rollup rows, and the
 * row counts that tier choice reads. Frozen once shipped, like every migration: the tier list it
 * creates and the counting spans it fills are written out here, not read from schema.ts.
 *
 * An existing database keeps every row; the new tiers start empty and the rollup job fills them
 * from the finer tier (history reads through them on the fly until it has). The counts of the
 * tiers that already hold rows are built here, in one pass over each table.
 *
 * @example
 * await migrateToLatest(kysely, STORE_MIGRATIONS); // runs 0005 once on a file made by 0001
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const NEW_TIERS = ['rollup_10s', 'rollup_5m', 'rollup_15m', 'rollup_6h', 'rollup_1d'];
const ROLLED = ['rollup_10s', 'rollup_1m', 'rollup_5m', 'rollup_15m', 'rollup_1h', 'rollup_6h', 'rollup_1d'];
/** The tiers 0001 made, with the span their rows are counted in (ms); schema.ts keeps the same. */
const COUNTED: readonly [tier: string, table: string, span: number][] = [
  ['raw', 'samples', 3_600_000],
  ['1m', 'rollup_1m', 3_600_000],
  ['1h', 'rollup_1h', 86_400_000],
];

export const m0005Tiers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of NEW_TIERS) {
      await db.schema
        .createTable(table)
        // INTEGER PRIMARY KEY makes ts the rowid, as in 0001's tiers.
        .addColumn('ts', 'integer', (col) => col.primaryKey())
        .addColumn('layout', 'integer', (col) => col.notNull())
        .addColumn('data', 'blob', (col) => col.notNull())
        .execute();
    }
    for (const table of ROLLED) {
      await db.schema
        .createTable(`${table}_parts`)
        .addColumn('key', 'integer', (col) => col.primaryKey())
        .addColumn('data', 'blob', (col) => col.notNull())
        .execute();
    }
    await db.schema
      .createTable('row_counts')
      .addColumn('tier', 'text', (col) => col.notNull())
      .addColumn('span', 'integer', (col) => col.notNull())
      .addColumn('rows', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('row_counts_pk', ['tier', 'span'])
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
    for (const [tier, table, span] of COUNTED) {
      await sql`INSERT INTO row_counts (tier, span, rows)
        SELECT ${tier}, (ts / ${sql.lit(span)}) * ${sql.lit(span)}, count(*) FROM ${sql.table(table)} GROUP BY 2`.execute(
        db,
      );
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('row_counts').execute();
    for (const table of [...ROLLED].reverse()) await db.schema.dropTable(`${table}_parts`).execute();
    for (const table of [...NEW_TIERS].reverse()) await db.schema.dropTable(table).execute();
  },
};
