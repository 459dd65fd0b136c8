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

/** Bytes on disk of each table (whole pages), from SQLite's dbstat. */
function tableBytes(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as {
    name: string;
    bytes: number;
  }[];
  db.close();
  return new Map(rows.map((r) => [r.name, r.bytes]));
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
    // One sample a minute: raw, 10 s, 30 s and 2 min keep 7 days, 1/5/15/30 min keep 8, 1 h/6 h/1 day keep 9.
    expect(report.deleted).toEqual({
      raw: 3 * 1440,
      '10s': 3 * 1440,
      '30s': 3 * 1440,
      '1m': 2 * 1440,
      '2m': 3 * 720,
      '5m': 2 * 288,
      '15m': 2 * 96,
      '30m': 2 * 48,
      '1h': 24,
      '6h': 4,
      '1d': 1,
    });
    expect(extent(file, 'samples').oldest).toBe(now - 7 * DAY_MS);
    expect(extent(file, 'rollup_10s').oldest).toBe(now - 7 * DAY_MS);
    expect(extent(file, 'rollup_30s').oldest).toBe(now - 7 * DAY_MS);
    expect(extent(file, 'rollup_1m').oldest).toBe(now - 8 * DAY_MS);
    expect(extent(file, 'rollup_2m').oldest).toBe(now - 7 * DAY_MS);
    expect(extent(file, 'rollup_30m').oldest).toBe(now - 8 * DAY_MS);
    expect(extent(file, 'rollup_15m').oldest).toBe(now - 8 * DAY_MS);
    expect(extent(file, 'rollup_1h').oldest).toBe(now - 9 * DAY_MS);
    expect(extent(file, 'rollup_1d').oldest).toBe(now - 9 * DAY_MS);
    // Each tier up to its watermark: the last minute, 2, 5, 15 and 30 minutes, hour, quarter-day are not rolled yet.
    expect(store.info()).toMatchObject({
      rows: {
        raw: 7 * 1440,
        '10s': 7 * 1440,
        '30s': 7 * 1440,
        '1m': 8 * 1440 - 1,
        '2m': 7 * 720 - 1,
        '5m': 8 * 288 - 1,
        '15m': 8 * 96 - 1,
        '30m': 8 * 48 - 1,
        '1h': 9 * 24 - 1,
        '6h': 8 * 4 + 3,
        '1d': 8,
      },
      gaps: 1,
    });
    expect(report.sizeBytes).toBeGreaterThan(0);
    store.close();
  });

  it('keeps raw rows that are not rolled up yet, whatever their age', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file, { rollupLagMs: 30_000 });
    for (let s = 0; s < 120; s++) store.append({ ts: T0 + s * 1000, values: { 'cpu.total': s } });
    // At 00:02:10 with a 30 s lag, 10 s buckets are rolled up to 00:01:40: the rows after must
    // survive a 1 s age limit.
    const report = store.applyRetention({ ...KEEP_ALL, rawDays: 1 / 86_400 }, T0 + 2 * MINUTE_MS + 10_000);
    expect(report.deleted.raw).toBe(100);
    expect(extent(file, 'samples')).toEqual({ rows: 20, oldest: T0 + 100_000, newest: T0 + 119_000 });
    // The 10 s tier follows rawDays too: only its buckets not rolled into a minute yet stay (01:00–01:30).
    expect(extent(file, 'rollup_10s')).toEqual({ rows: 4, oldest: T0 + MINUTE_MS, newest: T0 + 90_000 });
    expect(extent(file, 'rollup_1m').rows).toBe(1);
    store.close();
  });

  it('keeps the rows of a tier until every tier rolled from it has absorbed them (1 min feeds 2 and 5 min)', async () => {
    const file = dbIn(dir);
    const now = T0 + 2 * DAY_MS;
    const first = await MetricStore.open(file);
    for (let ts = T0; ts < now; ts += MINUTE_MS) first.append({ ts, values: { 'cpu.total': 1 } });
    first.rollup(now);
    // As a file made before the 2-minute tier has it: 5 minutes rolled, 2 minutes not yet.
    first.connection.prepare("DELETE FROM rollup_state WHERE tier = '2m'").run();
    first.connection.prepare('DELETE FROM rollup_2m').run();
    first.close();
    // The 2-minute tier follows rawDays: both at a day, 1-minute rows may go once 2 and 5 min have them.
    const policy = { ...KEEP_ALL, rawDays: 1, minuteDays: 1 };
    // A lag of 3 days holds back the rollup retention runs first: the 2-minute tier stays empty.
    const held = await MetricStore.open(file, { rollupLagMs: 3 * DAY_MS });
    expect(held.applyRetention(policy, now).deleted['1m']).toBe(0);
    held.close();
    expect(extent(file, 'rollup_1m').oldest).toBe(T0);
    expect(extent(file, 'rollup_2m').rows).toBe(0);
    // Once it is filled from the oldest minute on, a day of minutes can go.
    const store = await MetricStore.open(file);
    expect(store.applyRetention(policy, now).deleted['1m']).toBe(1440);
    expect(extent(file, 'rollup_1m').oldest).toBe(T0 + DAY_MS);
    expect(extent(file, 'rollup_2m')).toMatchObject({ oldest: T0 + DAY_MS, newest: now - 2 * 2 * MINUTE_MS });
    store.close();
  });

  it('trims to the size cap, finest tier first, each from its oldest rows, and the file shrinks', async () => {
    const file = dbIn(dir);
    const end = T0 + 10 * DAY_MS;
    await writeSyntheticHistory(file, { end, days: 10, rawDays: 2, minuteDays: 5, intervalMs: 10_000 });
    const before = { raw: extent(file, 'samples'), m: extent(file, 'rollup_1m'), h: extent(file, 'rollup_1h') };
    const bytes = tableBytes(file);
    const MB = 1024 * 1024;
    const store = await MetricStore.open(file);
    const startSize = store.info().sizeBytes;

    // Half the raw tier's pages over the cap: raw rows go, from the oldest, and nothing else.
    const firstCap = (startSize - bytes.get('samples')! / 2) / MB;
    const first = store.applyRetention({ ...KEEP_ALL, maxSizeMb: firstCap }, end);
    expect(first.sizeBytes).toBeLessThanOrEqual(firstCap * MB);
    expect(statSync(file).size).toBeLessThanOrEqual(firstCap * MB);
    expect(first.deleted.raw).toBeGreaterThan(0);
    expect(first.deleted['10s']).toBe(0);
    const raw = extent(file, 'samples');
    expect(raw.oldest).toBeGreaterThan(before.raw.oldest!);
    expect(raw.newest).toBe(before.raw.newest);
    expect(raw.rows).toBe(before.raw.rows - first.deleted.raw);
    expect(extent(file, 'rollup_1m')).toEqual(before.m);

    // Room for half the 1-minute tier and the coarser ones: raw, 10 s and 30 s go entirely, then old minutes.
    const coarse = [...bytes].filter(([name]) => /^rollup_(2m|5m|15m|30m|1h|6h|1d)$/.test(name));
    const secondCap = (coarse.reduce((sum, [, b]) => sum + b, 0) + bytes.get('rollup_1m')! / 2) / MB;
    const second = store.applyRetention({ ...KEEP_ALL, maxSizeMb: secondCap }, end);
    expect(statSync(file).size).toBeLessThanOrEqual(secondCap * MB);
    expect(extent(file, 'samples').rows).toBe(0);
    expect(extent(file, 'rollup_10s').rows).toBe(0);
    const minute = extent(file, 'rollup_1m');
    expect(minute.oldest).toBeGreaterThan(before.m.oldest!);
    expect(minute.newest).toBe(before.m.newest);
    expect(second.deleted['1h']).toBe(0);
    expect(extent(file, 'rollup_1h')).toEqual(before.h);
    expect(store.integrityCheck()).toBe('ok');
    // Nothing is lost beyond what the cap needed: history still reaches back 10 days.
    const month = store.history({ series: ['cpu.total'], from: end - 10 * DAY_MS, to: end, maxPoints: 1000 });
    expect(month.tier).toBe('1h');
    expect(month.series['cpu.total']!.t[0]).toBe(end - 10 * DAY_MS);
    expect(month.series['cpu.total']!.t.length).toBeGreaterThan(10 * 24 - 5 * 24);
    store.close();
  });
});
