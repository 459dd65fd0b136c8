import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { NO_MIGRATIONS } from 'kysely/migration';
import { LATEST_MIGRATION, MIGRATIONS, migrator } from './migrations.js';
import type { StoreDatabase } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

/** The tables of 0001_initial. */
const METRIC_TABLES = ['gaps', 'layouts', 'meta', 'rollup_1h', 'rollup_1m', 'rollup_state', 'samples', 'series'];
const ALERT_TABLES = ['alert_events', 'alert_instances', 'alert_snoozes', 'alert_state'];
const OUTBOX_TABLES = ['archive_hours', 'push_cursors', 'push_dead_letters', 'push_deliveries'];
const TABLES = [...ALERT_TABLES, ...OUTBOX_TABLES, ...METRIC_TABLES].sort();

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
  db.close();
  return { tables, applied, pragmas };
}

describe('migrations', () => {
  const dir = useTempDir();

  it('creates the latest schema on a fresh file, with incremental auto-vacuum and WAL', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close();
    const { tables, applied, pragmas } = inspect(file);
    expect(tables).toEqual(TABLES);
    expect(applied.map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
    expect(applied.at(-1)!.name).toBe(LATEST_MIGRATION);
    expect(pragmas).toEqual({ autoVacuum: 2, journal: 'wal' });
  });

  it('does not run migrations again on reopen, and keeps the data', async () => {
    const file = dbIn(dir);
    const first = await MetricStore.open(file);
    first.append({ ts: T0, values: { 'cpu.total': 5 } });
    first.close();
    const before = inspect(file).applied;
    const second = await MetricStore.open(file);
    expect(second.latest()).toEqual({ ts: T0, values: { 'cpu.total': 5 } });
    second.close();
    expect(inspect(file).applied).toEqual(before);
  });

  it('migrates down one step at a time (each takes only its own tables), then up again', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close();
    const db = new Database(file);
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    const down = await migrator(kysely).migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
      [LATEST_MIGRATION, 'Down', 'Success'],
    ]);
    expect(inspect(file).tables).toEqual([...ALERT_TABLES, ...METRIC_TABLES].sort());
    const rest = await migrator(kysely).migrateTo(NO_MIGRATIONS);
    expect(rest.error).toBeUndefined();
    expect(rest.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
      ['0002_alerts', 'Down', 'Success'],
      ['0001_initial', 'Down', 'Success'],
    ]);
    db.close();
    expect(inspect(file).tables).toEqual([]);
    const store = await MetricStore.open(file);
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    expect(store.flush()).toBe(1);
    store.close();
    expect(inspect(file).tables).toEqual(TABLES);
  });
});
