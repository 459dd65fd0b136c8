/**
 * Migration 0004: each push target's retry plan is kept with its cursor, so every process (the
 * running engine, `dashlight push status`, `push now` from another shell) sees when the next
 * attempt is due and obeys a server's Retry-After. Frozen, like every migration.
 *
 * @example
 * export const pushModule = defineModule({ migrations: { '0004_push_retry': m0004PushRetry }, ... });
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0004PushRetry: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // When the pusher will try again after a failure (epoch ms); null when no retry is pending.
    await db.schema.alterTable('push_cursors').addColumn('next_attempt_at', 'integer').execute();
    // The server said not before then (Retry-After): not even "push now" sends sooner.
    await db.schema.alterTable('push_cursors').addColumn('retry_after_until', 'integer').execute();
    // Failed attempts in a row, so a restarted pusher carries on with the same backoff.
    await db.schema
      .alterTable('push_cursors')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ['attempts', 'retry_after_until', 'next_attempt_at']) {
      await sql`ALTER TABLE push_cursors DROP COLUMN ${sql.ref(column)}`.execute(db);
    }
  },
};
