/**
 * Schema migrations, provided in code (numbered and frozen: never edit a shipped one, add the
 * next number instead) and run by Kysely's Migrator, which records them in `kysely_migration`.
 *
 * @example
 * await migrateToLatest(kysely); // no-op when already current
 */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { StoreDatabase } from './schema.js';

const rowTable = (db: Kysely<unknown>, name: string) =>
  db.schema
    .createTable(name)
    // INTEGER PRIMARY KEY makes ts the rowid: no separate index, rows stored in time order.
    .addColumn('ts', 'integer', (col) => col.primaryKey())
    .addColumn('layout', 'integer', (col) => col.notNull())
    .addColumn('data', 'blob', (col) => col.notNull())
    .execute();

const m0001Initial: Migration = {
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

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001Initial,
};

export const LATEST_MIGRATION = '0001_initial';

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

export function migrator(db: Kysely<StoreDatabase>): Migrator {
  return new Migrator({ db, provider });
}

/** Brings the schema to the latest version; rethrows the migration's own error on failure. */
export async function migrateToLatest(db: Kysely<StoreDatabase>): Promise<void> {
  const { error } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}
