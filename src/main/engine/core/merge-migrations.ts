/**
 * One list of migrations from the store's and every module's: the store opens the file with it.
 * Names are global and sort in the order they run, so a module's next migration takes the next
 * free number across the engine. Two modules may share a name only where one migration shipped
 * before the engine had modules and now belongs to both (0003: the export archive and the push
 * outbox); their parts run in module order, so the statements are exactly those that shipped.
 *
 * @example
 * const migrations = mergeMigrations(STORE_MIGRATIONS, [{ name: 'alerts', migrations: { '0002_alerts': m } }]);
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Migrations } from '../store/migrations.js';

/** Shipped as one migration before modules; now split between the modules that own its tables. */
export const SHARED_MIGRATIONS: ReadonlySet<string> = new Set(['0003_export_push']);

export interface MigratingModule {
  readonly name: string;
  readonly migrations: Migrations;
}

export function mergeMigrations(own: Migrations, modules: readonly MigratingModule[]): Migrations {
  const parts = new Map<string, { owners: string[]; migrations: Migration[] }>();
  for (const { name, migrations } of [{ name: 'store', migrations: own }, ...modules]) {
    for (const [key, migration] of Object.entries(migrations)) {
      const entry = parts.get(key);
      if (!entry) {
        parts.set(key, { owners: [name], migrations: [migration] });
        continue;
      }
      if (!SHARED_MIGRATIONS.has(key)) {
        throw new Error(
          `migration "${key}" is declared by "${entry.owners.join('", "')}" and "${name}": give the new one the next free number`,
        );
      }
      entry.owners.push(name);
      entry.migrations.push(migration);
    }
  }
  const merged: Record<string, Migration> = {};
  for (const key of [...parts.keys()].sort()) {
    const { migrations } = parts.get(key)!;
    merged[key] = migrations.length === 1 ? migrations[0]! : inSequence(migrations);
  }
  return merged;
}

/** Runs the parts up in order, and down in reverse, as one migration (one transaction). */
function inSequence(parts: readonly Migration[]): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const part of parts) await part.up(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const part of [...parts].reverse()) await part.down?.(db);
    },
  };
}
