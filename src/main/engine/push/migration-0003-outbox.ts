/**
 * The push module's part of migration 0003: the outbox (a cursor per target, the deliveries
 * acknowledged, and dead letters). It runs after the export module's part under the same name, as
 * when 0003 was one migration (see ../core/merge-migrations.ts). Frozen, like every migration.
 *
 * @example
 * export const pushModule = defineModule({ migrations: { '0003_export_push': m0003Outbox }, ... });
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0003Outbox: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('push_cursors')
      .addColumn('target', 'text', (col) => col.primaryKey())
      // Newest sample timestamp delivered (or skipped past as dead letter / dropped).
      .addColumn('cursor_ts', 'integer', (col) => col.notNull())
      // The last sample of the batch in flight: after a crash the same rows are re-sent, byte for byte.
      .addColumn('inflight_to', 'integer')
      .addColumn('sent_total', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('dropped_total', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('dead_total', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('last_success', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'integer')
      .addColumn('paused', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('push_deliveries')
      .addColumn('batch_id', 'text', (col) => col.primaryKey())
      .addColumn('target', 'text', (col) => col.notNull())
      .addColumn('first_ts', 'integer', (col) => col.notNull())
      .addColumn('last_ts', 'integer', (col) => col.notNull())
      .addColumn('samples', 'integer', (col) => col.notNull())
      .addColumn('bytes', 'integer', (col) => col.notNull())
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('at', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('push_deliveries_target_at').on('push_deliveries').columns(['target', 'at']).execute();
    await db.schema
      .createTable('push_dead_letters')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('target', 'text', (col) => col.notNull())
      .addColumn('batch_id', 'text', (col) => col.notNull())
      .addColumn('first_ts', 'integer', (col) => col.notNull())
      .addColumn('last_ts', 'integer', (col) => col.notNull())
      .addColumn('samples', 'integer', (col) => col.notNull())
      .addColumn('status', 'integer', (col) => col.notNull())
      .addColumn('body_excerpt', 'text')
      .addColumn('at', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('push_dead_letters_target').on('push_dead_letters').columns(['target', 'at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['push_dead_letters', 'push_deliveries', 'push_cursors']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
