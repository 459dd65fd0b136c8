/**
 * Migration 0006, owned by the processes module: the app and command catalogues and the process
 * history's buckets. Frozen once shipped, like every migration.
 *
 * - `process_apps`: one row per app (`exe`/`firefox`, `unit`/`nginx.service`, …).
 * - `process_commands`: the busiest process of an app in some bucket: its pid and command line,
 *   and when a bucket last named it (retention drops the ones no bucket names any more).
 * - `process_buckets`: one row per bucket of one tier. The key packs the tier's width and the
 *   bucket's start, both in minutes, as `width × 2^32 + start`, so each tier's rows sit together
 *   in time order under the rowid (no second index). `data` is bucket-codec.ts's encoding.
 * - `process_rollup_state`: per width, every bucket before `done_until` is final.
 *
 * @example
 * await migrateToLatest(kysely, ENGINE_MIGRATIONS); // runs this once
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0006Processes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('process_apps')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addUniqueConstraint('process_apps_kind_name', ['kind', 'name'])
      .execute();
    await db.schema
      .createTable('process_commands')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('app_id', 'integer', (col) => col.notNull())
      .addColumn('pid', 'integer', (col) => col.notNull())
      .addColumn('command', 'text', (col) => col.notNull())
      .addColumn('last_seen', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('process_buckets')
      .addColumn('key', 'integer', (col) => col.primaryKey())
      .addColumn('data', 'blob', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('process_rollup_state')
      .addColumn('width', 'integer', (col) => col.primaryKey())
      .addColumn('done_until', 'integer', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['process_rollup_state', 'process_buckets', 'process_commands', 'process_apps']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
