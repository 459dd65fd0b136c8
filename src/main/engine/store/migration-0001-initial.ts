/**
 * Migration 0001, owned by the store: the series and layout catalogs, the three tiers of rows,
 * gaps, rollup watermarks and meta. Frozen once shipped, like every migration.
 *
 * @example
 * await migrateToLatest(kysely, STORE_MIGRATIONS);
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const rowTable = (db: Kysely<unknown>, name: string) =>
  db.schema
    .createTable(name)
    // INTEGER PRIMARY KEY makes ts the rowid: no separate index, rows stored in time order.
    .addColumn('ts', 'integer', (col) => col.primaryKey())
    .addColumn('layout', 'integer', (col) => col.notNull())
    .addColumn('data', 'blob', (col) => col.notNull())
    .execute();

export const m0001Initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('series')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('key', 'text', (col) => col.notNull().unique())
      .execute();
    await db.schema
      .createTable('layouts')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('spec', 'text', (col) => col.notNull().unique())
      .execute();
    await rowTable(db, 'samples');
    await rowTable(db, 'rollup_1m');
    await rowTable(db, 'rollup_1h');
    await db.schema
      .createTable('gaps')
      .addColumn('from_ts', 'integer', (col) => col.primaryKey())
      .addColumn('to_ts', 'integer', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('rollup_state')
      .addColumn('tier', 'text', (col) => col.primaryKey())
      .addColumn('done_until', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['meta', 'rollup_state', 'gaps', 'rollup_1h', 'rollup_1m', 'samples', 'layouts', 'series']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
