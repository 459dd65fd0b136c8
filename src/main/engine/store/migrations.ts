/**
 * Schema migrations, provided in code (numbered and frozen: never edit a shipped one, add the
 * next number instead) and run by Kysely's Migrator, which records them in `kysely_migration`.
 * The store owns 0001, 0005 and 0008; each engine module owns its own (the engine merges them, see
 * ../core/merge-migrations.ts). A file is opened with every migration it has ever run, or Kysely
 * refuses it, so the engine always passes the whole merged list.
 *
 * @example
 * await migrateToLatest(kysely, ENGINE_MIGRATIONS); // no-op when already current
 */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { m0001Initial } from './migration-0001-initial.js';
import { m0005Tiers } from './migration-0005-tiers.js';
import { m0008Tiers30s2m30m } from './migration-0008-tiers-30s-2m-30m.js';
import type { StoreDatabase } from './schema.js';

/** Migrations by name; names sort in the order they run. */
export type Migrations = Readonly<Record<string, Migration>>;

/** The store's own tables: enough for the store alone (its tests, benches of the tiers). */
export const STORE_MIGRATIONS: Migrations = {
  '0001_initial': m0001Initial,
  '0005_tiers': m0005Tiers,
  '0008_tiers_30s_2m_30m': m0008Tiers30s2m30m,
};

export function migrator(db: Kysely<StoreDatabase>, migrations: Migrations): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  // Numbers are handed out per feature ahead of time and features land in any order (0005 may
  // ship before 0004), and the store alone runs 0001, 0005 and 0008 before an engine adds 0002 and
  // 0003: a missing migration older than the newest applied one is run, not refused.
  return new Migrator({ db, provider, allowUnorderedMigrations: true });
}

/** Brings the schema to the latest version; rethrows the migration's own error on failure. */
export async function migrateToLatest(db: Kysely<StoreDatabase>, migrations: Migrations): Promise<void> {
  const { error } = await migrator(db, migrations).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}
