/**
 * The export module's part of migration 0003: the hourly archive's job table. Migration 0003 was
 * shipped before the engine had modules, as one migration for export and push; the two parts keep
 * its name and run in that order, so its SQL is the same statement for statement (see
 * ../core/merge-migrations.ts). Frozen, like every migration.
 *
 * @example
 * export const exportModule = defineModule({ migrations: { '0003_export_push': m0003Archive }, ... });
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0003Archive: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('archive_hours')
      .addColumn('hour_start', 'integer', (col) => col.primaryKey())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('file', 'text')
      .addColumn('rows', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('written_at', 'integer', (col) => col.notNull())
      .addColumn('error', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('archive_hours').execute();
  },
};
