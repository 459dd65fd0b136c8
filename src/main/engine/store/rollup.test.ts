import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeAggregates, type Aggregate } from './codec.js';
import { LayoutRegistry } from './layout-registry.js';
import { MetricStore } from './metric-store.js';
import { HOUR_MS, MINUTE_MS } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

/** cpu.total = minute × 100 + second (exact in float32); disk.used_pct = minute, every 30 s. */
function appendMinutes(store: MetricStore, fromMinute: number, toMinute: number): void {
  for (let m = fromMinute; m < toMinute; m++) {
    for (let s = 0; s < 60; s++) {
      const values: Record<string, number> = { 'cpu.total': m * 100 + s };
      if (s % 30 === 0) values['disk.used_pct'] = m;
      store.append({ ts: T0 + m * MINUTE_MS + s * 1000, values });
    }
    if (m % 10 === 9) store.flush();
  }
}

function readTier(file: string, table: 'rollup_1m' | 'rollup_1h'): Map<number, Record<string, Aggregate>> {
  const db = new Database(file, { readonly: true });
  const registry = new LayoutRegistry(db);
  const out = new Map<number, Record<string, Aggregate>>();
  for (const row of db.prepare(`SELECT ts, layout, data FROM ${table} ORDER BY ts`).all() as {
    ts: number;
    layout: number;
    data: Buffer;
  }[]) {
    const layout = registry.byId(row.layout);
    const aggregates = decodeAggregates(layout, row.data);
    out.set(row.ts, Object.fromEntries(layout.keys.map((key, i) => [key, aggregates[i]!])));
  }
  db.close();
  return out;
}

describe('rollups', () => {
  const dir = useTempDir();

  it('rolls complete minutes and hours with exact min/avg/max/count', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file, { rollupLagMs: 30_000 });
    appendMinutes(store, 0, 125);
    store.flush();
    // 02:04:50 minus the 30 s lag: minutes up to 02:04 and hours up to 02:00 are complete.
    expect(store.rollup(T0 + 124 * MINUTE_MS + 50_000)).toEqual({ minutes: 124, hours: 2 });
    const minutes = readTier(file, 'rollup_1m');
    expect(minutes.size).toBe(124);
    expect(minutes.get(T0 + 7 * MINUTE_MS)).toEqual({
      'cpu.total': { min: 700, avg: 729.5, max: 759, count: 60 },
      'disk.used_pct': { min: 7, avg: 7, max: 7, count: 2 },
    });
    expect(minutes.has(T0 + 124 * MINUTE_MS)).toBe(false);
    const hours = readTier(file, 'rollup_1h');
    expect([...hours.keys()]).toEqual([T0, T0 + HOUR_MS]);
    expect(hours.get(T0 + HOUR_MS)).toEqual({
      'cpu.total': { min: 6000, avg: 8979.5, max: 11959, count: 3600 },
      'disk.used_pct': { min: 60, avg: 89.5, max: 119, count: 120 },
    });
    expect(store.info().rows).toEqual({ raw: 125 * 60, '1m': 124, '1h': 2 });
    store.close();
  });

  it('is a no-op when run again, and waits for buckets still in the write buffer', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    appendMinutes(store, 0, 10);
    store.flush();
    appendMinutes(store, 10, 12);
    const now = T0 + 70 * MINUTE_MS;
    // Rollup commits the buffer first, so the buffered minutes are rolled too.
    expect(store.rollup(now)).toEqual({ minutes: 12, hours: 1 });
    const before = readTier(file, 'rollup_1m');
    expect(store.rollup(now)).toEqual({ minutes: 0, hours: 0 });
    expect(readTier(file, 'rollup_1m')).toEqual(before);
    store.close();
  });

  it('neither double-counts nor skips buckets across a restart', async () => {
    const split = dbIn(dir, 'split.db');
    const first = await MetricStore.open(split);
    appendMinutes(first, 0, 95);
    first.flush();
    expect(first.rollup(T0 + 90 * MINUTE_MS + 40_000)).toEqual({ minutes: 90, hours: 1 });
    first.close();
    const second = await MetricStore.open(split);
    appendMinutes(second, 95, 185);
    second.flush();
    expect(second.rollup(T0 + 185 * MINUTE_MS)).toEqual({ minutes: 94, hours: 2 });
    expect(second.rollup(T0 + 185 * MINUTE_MS)).toEqual({ minutes: 0, hours: 0 });
    second.close();

    const whole = dbIn(dir, 'whole.db');
    const single = await MetricStore.open(whole);
    appendMinutes(single, 0, 185);
    single.flush();
    expect(single.rollup(T0 + 185 * MINUTE_MS)).toEqual({ minutes: 184, hours: 3 });
    single.close();

    const splitMinutes = readTier(split, 'rollup_1m');
    expect(splitMinutes.size).toBe(184);
    expect([...splitMinutes.values()].every((row) => row['cpu.total']!.count === 60)).toBe(true);
    expect(splitMinutes).toEqual(readTier(whole, 'rollup_1m'));
    expect(readTier(split, 'rollup_1h')).toEqual(readTier(whole, 'rollup_1h'));
  });

  it('starts at the oldest data on the first run and skips long empty stretches', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    appendMinutes(store, 0, 2);
    store.append({ ts: T0 + 30 * 24 * HOUR_MS + 5000, values: { 'cpu.total': 1 } });
    store.flush();
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + 2 * MINUTE_MS)).toEqual({ minutes: 3, hours: 1 });
    expect([...readTier(file, 'rollup_1m').keys()]).toEqual([T0, T0 + MINUTE_MS, T0 + 30 * 24 * HOUR_MS]);
    expect([...readTier(file, 'rollup_1h').keys()]).toEqual([T0]);
    // That hour completes once its last minute is rolled (after the lag).
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + HOUR_MS)).toEqual({ minutes: 0, hours: 0 });
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + HOUR_MS + MINUTE_MS)).toEqual({ minutes: 0, hours: 1 });
    store.close();
  });

  it('rolls a minute again when a sample arrives behind the watermark', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    appendMinutes(store, 0, 80);
    expect(store.rollup(T0 + 3 * HOUR_MS)).toEqual({ minutes: 80, hours: 2 });
    // The sampler stalled, then delivered a reading taken at 01:25 after the 03:00 rollup.
    store.append({ ts: T0 + 85 * MINUTE_MS, values: { 'cpu.total': 1 } });
    expect(store.rollup(T0 + 3 * HOUR_MS + MINUTE_MS)).toEqual({ minutes: 1, hours: 1 });
    expect(readTier(file, 'rollup_1m').get(T0 + 85 * MINUTE_MS)).toEqual({
      'cpu.total': { min: 1, avg: 1, max: 1, count: 1 },
    });
    expect(readTier(file, 'rollup_1h').get(T0 + HOUR_MS)!['cpu.total']!.count).toBe(20 * 60 + 1);
    store.close();
  });
});
