import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { DAY_MS, MINUTE_MS } from './schema.js';
import { writeSyntheticHistory } from './synthetic-history.js';
import { T0, dbIn, useTempDir } from './test-support.js';

const KEEP_ALL = { rawDays: 3650, minuteDays: 3650, hourDays: 3650, maxSizeMb: null };

function extent(file: string, table: string): { rows: number; oldest: number | null; newest: number | null } {
  const db = new Database(file, { readonly: true });
  const row = db.prepare(`SELECT count(*) AS rows, min(ts) AS oldest, max(ts) AS newest FROM ${table}`).get() as {
    rows: number;
    oldest: number | null;
    newest: number | null;
  };
  db.close();
  return row;
}

describe('retention', () => {
  const dir = useTempDir();

  it('deletes each tier past its age, and gaps older than all data', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    for (let ts = T0; ts < T0 + 10 * DAY_MS; ts += MINUTE_MS) {
      store.append({ ts, values: { 'cpu.total': 1 } });
      if ((ts - T0) % DAY_MS === 0) store.flush();
    }
    store.recordGap({ from: T0 - 2 * DAY_MS, to: T0 - DAY_MS, reason: 'sleep' });
    store.recordGap({ from: T0 + 9 * DAY_MS, to: T0 + 9 * DAY_MS + 1, reason: 'sleep' });
    const now = T0 + 10 * DAY_MS;
    const report = store.applyRetention({ rawDays: 7, minuteDays: 8, hourDays: 9, maxSizeMb: null }, now);
    expect(report.deleted).toEqual({ raw: 3 * 1440, '1m': 2 * 1440, '1h': 24 });
    expect(extent(file, 'samples').oldest).toBe(now - 7 * DAY_MS);
    expect(extent(file, 'rollup_1m').oldest).toBe(now - 8 * DAY_MS);
    expect(extent(file, 'rollup_1h').oldest).toBe(now - 9 * DAY_MS);
    expect(store.info()).toMatchObject({ rows: { raw: 7 * 1440, '1m': 8 * 1440 - 1, '1h': 9 * 24 - 1 }, gaps: 1 });
    expect(report.sizeBytes).toBeGreaterThan(0);
    store.close();
  });

  it('keeps raw rows that are not rolled up yet, whatever their age', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file, { rollupLagMs: 30_000 });
    for (let s = 0; s < 120; s++) store.append({ ts: T0 + s * 1000, values: { 'cpu.total': s } });
    // At 00:02:10 with a 30 s lag only minute 00:00 is rolled up: 00:01's rows must survive a 1 s age limit.
    const report = store.applyRetention({ ...KEEP_ALL, rawDays: 1 / 86_400 }, T0 + 2 * MINUTE_MS + 10_000);
    expect(report.deleted.raw).toBe(60);
    expect(extent(file, 'samples')).toEqual({ rows: 60, oldest: T0 + MINUTE_MS, newest: T0 + 119_000 });
    expect(extent(file, 'rollup_1m').rows).toBe(1);
    store.close();
  });

  it('trims to the size cap, oldest raw first, then the oldest 1m rows, and the file shrinks', async () => {
    const file = dbIn(dir);
    const end = T0 + 10 * DAY_MS;
    await writeSyntheticHistory(file, { end, days: 10, rawDays: 2, minuteDays: 5, intervalMs: 10_000 });
    const before = { raw: extent(file, 'samples'), m: extent(file, 'rollup_1m'), h: extent(file, 'rollup_1h') };
    const store = await MetricStore.open(file);
    const startSize = store.info().sizeBytes;
    expect(startSize).toBeGreaterThan(8 * 1024 * 1024);

    const first = store.applyRetention({ ...KEEP_ALL, maxSizeMb: 8 }, end);
    expect(first.sizeBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(statSync(file).size).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(first.deleted['1m']).toBe(0);
    expect(first.deleted.raw).toBeGreaterThan(0);
    const raw = extent(file, 'samples');
    expect(raw.oldest).toBeGreaterThan(before.raw.oldest!);
    expect(raw.newest).toBe(before.raw.newest);
    expect(raw.rows).toBe(before.raw.rows - first.deleted.raw);
    expect(extent(file, 'rollup_1m')).toEqual(before.m);

    const second = store.applyRetention({ ...KEEP_ALL, maxSizeMb: 3 }, end);
    expect(statSync(file).size).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(extent(file, 'samples').rows).toBe(0);
    const minute = extent(file, 'rollup_1m');
    expect(minute.oldest).toBeGreaterThan(before.m.oldest!);
    expect(minute.newest).toBe(before.m.newest);
    expect(second.deleted['1h']).toBe(0);
    expect(extent(file, 'rollup_1h')).toEqual(before.h);
    expect(store.integrityCheck()).toBe('ok');
    // Nothing is lost beyond what the cap needed: history still reaches back 10 days at 1h.
    const month = store.history({ series: ['cpu.total'], from: end - 10 * DAY_MS, to: end, maxPoints: 1000 });
    expect(month.tier).toBe('1h');
    expect(month.series['cpu.total']!.t[0]).toBe(end - 10 * DAY_MS);
    expect(month.series['cpu.total']!.t.length).toBeGreaterThan(10 * 24 - 5 * 24);
    store.close();
  });
});
