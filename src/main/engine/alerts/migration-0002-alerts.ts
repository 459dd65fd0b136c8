/**
 * Migration 0002, owned by the alerts module: alert instances with their events, the evaluator's
 * saved state, and snoozes. Frozen once shipped, like every migration: never edit it, add the
 * next number instead.
 *
 * @example
 * export const alertsModule = defineModule({ migrations: { '0002_alerts': m0002Alerts }, ... });
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0002Alerts: Migration = {
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
