/**
 * Schema migrations, provided in code (numbered and frozen: never edit a shipped one, add the
 * next number instead) and run by Kysely's Migrator, which records them in `kysely_migration`.
 *
 * @example
 * await migrateToLatest(kysely); // no-op when already current
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { m0003ExportPush } from './migration-0003-export-push.js';
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

/** Alert instances with their events, the evaluator's saved state, and snoozes. */
const m0002Alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('alert_instances')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('rule_id', 'text', (col) => col.notNull())
      .addColumn('rule_name', 'text', (col) => col.notNull())
      .addColumn('series', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull().check(sql`state IN ('firing', 'resolved')`))
      .addColumn('severity', 'text', (col) => col.notNull())
      .addColumn('since', 'integer', (col) => col.notNull())
      .addColumn('fired_at', 'integer', (col) => col.notNull())
      .addColumn('resolved_at', 'integer')
      .addColumn('acknowledged_at', 'integer')
      .addColumn('value', 'real')
      .addColumn('peak', 'real')
      .addColumn('threshold', 'real')
      .addColumn('top_processes', 'text')
      .execute();
    await db.schema.createIndex('alert_instances_fired_at').on('alert_instances').column('fired_at').execute();
    await db.schema
      .createIndex('alert_instances_rule_fired_at')
      .on('alert_instances')
      .columns(['rule_id', 'fired_at'])
      .execute();
    await db.schema.createIndex('alert_instances_state').on('alert_instances').column('state').execute();
    await db.schema
      .createTable('alert_events')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      // Only enforced with PRAGMA foreign_keys = ON, which the store leaves off: prune deletes events itself.
      .addColumn('instance_id', 'integer', (col) => col.notNull().references('alert_instances.id').onDelete('cascade'))
      .addColumn('at', 'integer', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('severity', 'text')
      .addColumn('value', 'real')
      .addColumn('notified', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('suppressed', 'text')
      .execute();
    await db.schema.createIndex('alert_events_instance').on('alert_events').column('instance_id').execute();
    await db.schema
      .createTable('alert_state')
      .addColumn('rule_id', 'text', (col) => col.notNull())
      .addColumn('series', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('alert_state_pk', ['rule_id', 'series'])
      .execute();
    await db.schema
      .createTable('alert_snoozes')
      .addColumn('target', 'text', (col) => col.primaryKey())
      .addColumn('until', 'integer', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    // Indexes go with their tables; events first, as they point at instances.
    for (const table of ['alert_snoozes', 'alert_state', 'alert_events', 'alert_instances']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001Initial,
  '0002_alerts': m0002Alerts,
  '0003_export_push': m0003ExportPush,
};

export const LATEST_MIGRATION = '0003_export_push';

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

export function migrator(db: Kysely<StoreDatabase>): Migrator {
  return new Migrator({ db, provider });
}

/** Brings the schema to the latest version; rethrows the migration's own error on failure. */
export async function migrateToLatest(db: Kysely<StoreDatabase>): Promise<void> {
  const { error } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}
