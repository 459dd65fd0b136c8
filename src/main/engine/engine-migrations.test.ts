import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NO_MIGRATIONS, type Migration } from 'kysely/migration';
import { mergeMigrations } from './core/merge-migrations.js';
import { ENGINE_MIGRATIONS } from './modules.js';
import { MetricStore } from './store/metric-store.js';
import { identify } from './store/database-identity.js';
import { STORE_MIGRATIONS, migrator } from './store/migrations.js';
import type { StoreDatabase } from './store/schema.js';
import { T0, dbIn, useTempDir } from './store/test-support.js';
import { openEngineStore } from './test-support/open-engine-store.js';

/** The names every database made since 0003 has recorded: they must never change. */
const SHIPPED = ['0001_initial', '0002_alerts', '0003_export_push'];
/** The tables of 0001_initial. */
const INITIAL_TABLES = ['gaps', 'layouts', 'meta', 'rollup_1h', 'rollup_1m', 'rollup_state', 'samples', 'series'];
/** The tables of 0005_tiers: the new tiers, every rollup tier's parts, the row counts. */
const TIER_TABLES = [
  ...['10s', '5m', '15m', '6h', '1d'].map((tier) => `rollup_${tier}`),
  ...['10s', '1m', '5m', '15m', '1h', '6h', '1d'].map((tier) => `rollup_${tier}_parts`),
  'row_counts',
];
/** Each migration since, with the tables it makes (one line per migration; columns are checked below). */
const LATER: Readonly<Record<string, readonly string[]>> = {
  '0004_push_retry': [],
  '0005_tiers': TIER_TABLES,
  '0006_processes': ['process_apps', 'process_buckets', 'process_commands', 'process_rollup_state'],
  '0007_mqtt': ['mqtt_entities'],
  '0008_tiers_30s_2m_30m': [...['30s', '2m', '30m'].flatMap((tier) => [`rollup_${tier}`, `rollup_${tier}_parts`])],
};
const LATER_TABLES = Object.values(LATER).flat();
/** Every migration of this version, in order. */
const LATEST = [...SHIPPED, ...Object.keys(LATER)];
/** The schema as 0003 shipped, dumped from a file made before the engine had modules. */
const SHIPPED_SCHEMA = readFileSync(new URL('./fixtures/schema-0003.sql', import.meta.url), 'utf8');

/** What the store alone makes: its own migrations, 0001, 0005 and 0008. */
const STORE_TABLES = [...INITIAL_TABLES, ...TIER_TABLES, ...LATER['0008_tiers_30s_2m_30m']!].sort();
const ALERT_TABLES = ['alert_events', 'alert_instances', 'alert_snoozes', 'alert_state'];
const OUTBOX_TABLES = ['archive_hours', 'push_cursors', 'push_dead_letters', 'push_deliveries'];
const TABLES = [...ALERT_TABLES, ...OUTBOX_TABLES, ...INITIAL_TABLES, ...LATER_TABLES].sort();

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%' AND name NOT LIKE 'sqlite%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const applied = db.prepare('SELECT name, timestamp FROM kysely_migration ORDER BY name').all() as {
    name: string;
    timestamp: string;
  }[];
  const pragmas = {
    autoVacuum: db.pragma('auto_vacuum', { simple: true }),
    journal: db.pragma('journal_mode', { simple: true }),
  };
  const schema = (
    db
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[]
  )
    // What 0003 shipped: the tables of later migrations (and their indexes) are theirs to test.
    .filter((r) => !LATER_TABLES.includes(r.tbl_name))
    .map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? '(automatic)'};\n`)
    .join('');
  db.close();
  return { tables, applied, pragmas, schema };
}

describe('the engine migrations, merged from the store and the modules', () => {
  const dir = useTempDir();

  it('creates the latest schema on a fresh file, with incremental auto-vacuum and WAL while open', async () => {
    const file = dbIn(dir);
    const store = await openEngineStore(file);
    expect(store.connection.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    const { tables, applied, pragmas } = inspect(file);
    expect(tables).toEqual(TABLES);
    expect(applied.map((m) => m.name)).toEqual(LATEST);
    // Closed cleanly, it is back on a rollback journal: readable where no -shm file can be made.
    expect(pragmas).toEqual({ autoVacuum: 2, journal: 'delete' });
  });

  it('make, statement for statement, the schema that shipped before modules, and later ones add to it', async () => {
    const file = dbIn(dir);
    const db = new Database(file);
    db.pragma('auto_vacuum = INCREMENTAL');
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    expect((await migrator(kysely, ENGINE_MIGRATIONS).migrateTo('0003_export_push')).error).toBeUndefined();
    db.close();
    expect(inspect(file).schema).toBe(SHIPPED_SCHEMA);
    (await openEngineStore(file)).close();
    expect(inspect(file).applied.map((m) => m.name)).toEqual(LATEST);
    expect(inspect(file).schema).toContain(
      '"paused" integer default 0 not null, "next_attempt_at" integer, "retry_after_until" integer, "attempts" integer default 0 not null)',
    );
  });

  it('the store alone makes only its own tables, and an engine later adds the rest, as a fresh file has them', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close();
    expect(inspect(file).tables).toEqual(STORE_TABLES);
    expect(inspect(file).applied.map((m) => m.name)).toEqual(['0001_initial', '0005_tiers', '0008_tiers_30s_2m_30m']);
    (await openEngineStore(file)).close();
    const fresh = dbIn(dir, 'fresh.db');
    (await openEngineStore(fresh)).close();
    expect(inspect(file).schema).toBe(inspect(fresh).schema);
  });

  it('marks a file without some of the engine migrations as behind, even when it has the highest number', async () => {
    const file = dbIn(dir);
    // The store alone runs 0001, 0005 and 0008, but not 0002–0004, 0006 or 0007.
    (await MetricStore.open(file)).close();
    expect(identify(file, Object.keys(ENGINE_MIGRATIONS))).toEqual({ kind: 'ours', behind: true });
    (await openEngineStore(file)).close();
    expect(identify(file, Object.keys(ENGINE_MIGRATIONS))).toEqual({ kind: 'ours', behind: false });
    // And a Dashlight that knows one migration more (say a late 0009) sees this file as behind.
    expect(identify(file, [...Object.keys(ENGINE_MIGRATIONS), '0009_late'])).toEqual({ kind: 'ours', behind: true });
  });

  it('reads the migrations a file ran when its mark is above this version: a store-only file of 0.1.0 says 5', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close();
    const old = new Database(file);
    old.pragma('user_version = 5'); // the highest number it ran, as 0.1.0 marked files
    old.close();
    expect(identify(file, Object.keys(STORE_MIGRATIONS))).toEqual({ kind: 'ours', behind: false });
    (await MetricStore.open(file)).close();
    expect(identify(file, [...Object.keys(STORE_MIGRATIONS), '0010_next'])).toEqual({ kind: 'ours', behind: true });
  });

  it('refuses a name two modules declare, unless it is a migration shipped before modules', async () => {
    const noop: Migration = { up: async () => {} };
    expect(() =>
      mergeMigrations(STORE_MIGRATIONS, [
        { name: 'sensors', migrations: { '0004_sensors': noop } },
        { name: 'tiers', migrations: { '0004_sensors': noop } },
      ]),
    ).toThrow('migration "0004_sensors" is declared by "sensors" and "tiers": give the new one the next free number');
    expect(() => mergeMigrations(STORE_MIGRATIONS, [{ name: 'x', migrations: { '0001_initial': noop } }])).toThrow(
      /"0001_initial" is declared by "store" and "x"/,
    );
    const merged = mergeMigrations(STORE_MIGRATIONS, [
      { name: 'late', migrations: { '0031_late': noop } },
      { name: 'early', migrations: { '0030_early': noop } },
    ]);
    expect(Object.keys(merged)).toEqual([
      '0001_initial',
      '0005_tiers',
      '0008_tiers_30s_2m_30m',
      '0030_early',
      '0031_late',
    ]);
  });

  it('does not run migrations again on reopen, and keeps the data', async () => {
    const file = dbIn(dir);
    const first = await openEngineStore(file);
    first.append({ ts: T0, values: { 'cpu.total': 5 } });
    first.close();
    const before = inspect(file).applied;
    const second = await openEngineStore(file);
    expect(second.latest()).toEqual({ ts: T0, values: { 'cpu.total': 5 } });
    second.close();
    expect(inspect(file).applied).toEqual(before);
  });

  it('migrates down one step at a time (each takes only its own tables), then up again', async () => {
    const file = dbIn(dir);
    (await openEngineStore(file)).close();
    const db = new Database(file);
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    let left = [...TABLES];
    for (const [name, tables] of Object.entries(LATER).reverse()) {
      const later = await migrator(kysely, ENGINE_MIGRATIONS).migrateDown();
      expect(later.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([[name, 'Down', 'Success']]);
      left = left.filter((table) => !tables.includes(table));
      expect(inspect(file).tables).toEqual(left);
    }
    expect(inspect(file).tables).toEqual([...ALERT_TABLES, ...OUTBOX_TABLES, ...INITIAL_TABLES].sort());
    expect(inspect(file).schema).toBe(SHIPPED_SCHEMA);
    const rest = await migrator(kysely, ENGINE_MIGRATIONS).migrateTo(NO_MIGRATIONS);
    expect(rest.error).toBeUndefined();
    expect(rest.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
      ['0003_export_push', 'Down', 'Success'],
      ['0002_alerts', 'Down', 'Success'],
      ['0001_initial', 'Down', 'Success'],
    ]);
    db.close();
    expect(inspect(file).tables).toEqual([]);
    const store = await openEngineStore(file);
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    expect(store.flush()).toBe(1);
    store.close();
    expect(inspect(file).tables).toEqual(TABLES);
  });
});
