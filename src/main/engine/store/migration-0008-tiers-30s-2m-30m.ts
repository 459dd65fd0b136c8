/**
 * Migration 0008, owned by the store: the 30 s, 2 min and 30 min tiers (with their parts tables),
 * the side steps that keep ranges such as 12 h, 2–3 d and 30 d from reading two or three rows
 * per point (schema.ts). Frozen once shipped, like every migration: the tables it creates are
 * written out here.
 *
 * An existing database keeps every row; the new tiers start empty, without row counts or
 * watermarks, and the next rollups fill them from 10 s, 1 min and 15 min (history reads through
 * them on the fly until they have, and retention keeps the source rows they still need).
 *
 * @example
 * await migrateToLatest(kysely, STORE_MIGRATIONS); // runs 0008 once on a file made by 0005
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const NEW_TIERS = ['rollup_30s', 'rollup_2m', 'rollup_30m'];

export const m0008Tiers30s2m30m: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of NEW_TIERS) {
      await db.schema
        .createTable(table)
        // INTEGER PRIMARY KEY makes ts the rowid, as in every tier.
        .addColumn('ts', 'integer', (col) => col.primaryKey())
        .addColumn('layout', 'integer', (col) => col.notNull())
        .addColumn('data', 'blob', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable(`${table}_parts`)
        .addColumn('key', 'integer', (col) => col.primaryKey())
        .addColumn('data', 'blob', (col) => col.notNull())
        .execute();
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [...NEW_TIERS].reverse()) {
      await db.schema.dropTable(`${table}_parts`).execute();
      await db.schema.dropTable(table).execute();
    }
  },
};
