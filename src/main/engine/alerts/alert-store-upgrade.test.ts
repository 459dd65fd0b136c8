import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { MetricStore } from '../store/metric-store.js';
import { STORE_MIGRATIONS } from '../store/migrations.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import type { StoreDatabase } from '../store/schema.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { AlertStore } from './alert-store.js';

describe('AlertStore on an older database', () => {
  const dir = useTempDir('dashlight-alerts-upgrade-');

  async function open(): Promise<{ store: MetricStore; alerts: AlertStore }> {
    const store = await openEngineStore(dbIn(dir));
    return { store, alerts: new AlertStore(store.connection) };
  }

  const instanceInput = () => ({
    ruleId: 'hot-cpu',
    ruleName: 'Hot CPU',
    series: 'cpu.total',
    severity: 'warning' as const,
    since: T0 - 60_000,
    firedAt: T0,
    value: 91,
    threshold: 90,
  });

  it('upgrades a database made by 0001 alone: the samples stay and the alert tables appear', async () => {
    // A donor file provides real encoded rows, copied into a file that only ever saw 0001.
    const donorFile = dbIn(dir, 'donor.db');
    const donor = await MetricStore.open(donorFile);
    for (let n = 0; n < 5; n++) donor.append({ ts: T0 + n * 1000, values: { 'cpu.total': n, 'mem.used_pct': 50 + n } });
    donor.recordGap({ from: T0 + 5000, to: T0 + 60_000, reason: 'sleep' });
    donor.close();

    const file = dbIn(dir);
    const db = new Database(file);
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    const only0001 = { getMigrations: async () => ({ '0001_initial': STORE_MIGRATIONS['0001_initial']! }) };
    const { error } = await new Migrator({ db: kysely, provider: only0001 }).migrateToLatest();
    expect(error).toBeUndefined();
    db.exec(`ATTACH DATABASE '${donorFile.replaceAll("'", "''")}' AS donor`);
    for (const table of ['series', 'layouts', 'samples', 'gaps']) {
      db.exec(`INSERT INTO main.${table} SELECT * FROM donor.${table}`);
    }
    db.exec('DETACH DATABASE donor');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'alert%'").all()).toEqual([]);
    db.close();

    const { store, alerts } = await open();
    expect(store.list({ page: 1, limit: 10 }).data.map((s) => s.values['cpu.total'])).toEqual([4, 3, 2, 1, 0]);
    expect(store.latest()).toEqual({ ts: T0 + 4000, values: { 'cpu.total': 4, 'mem.used_pct': 54 } });
    const applied = store.connection.prepare('SELECT name FROM kysely_migration ORDER BY name').all();
    expect(applied).toEqual([
      { name: '0001_initial' },
      { name: '0002_alerts' },
      { name: '0003_export_push' },
      { name: '0005_tiers' },
    ]);
    const id = alerts.openInstance(instanceInput());
    alerts.saveState('hot-cpu', 'cpu.total', { phase: 'firing' }, T0);
    expect(alerts.instance(id)?.state).toBe('firing');
    expect(alerts.loadStates()).toHaveLength(1);
    store.close();
  });
});
