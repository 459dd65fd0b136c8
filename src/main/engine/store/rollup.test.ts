import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeAggregates, type Aggregate } from './codec.js';
import { LayoutRegistry } from './layout-registry.js';
import { MetricStore } from './metric-store.js';
import type { RollupResult } from './rollup.js';
import { HOUR_MS, MINUTE_MS, type RolledTier } from './schema.js';
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

function readTier(file: string, table: `rollup_${RolledTier}`): Map<number, Record<string, Aggregate>> {
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

/** Buckets written per tier: the ones named, 0 for the others. */
function written(tiers: Partial<RollupResult>): RollupResult {
  return { '10s': 0, '30s': 0, '1m': 0, '2m': 0, '5m': 0, '15m': 0, '30m': 0, '1h': 0, '6h': 0, '1d': 0, ...tiers };
}

describe('rollups', () => {
  const dir = useTempDir();

  it('rolls complete minutes and hours with exact min/avg/max/count', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file, { rollupLagMs: 30_000 });
    appendMinutes(store, 0, 125);
    store.flush();
    // 02:04:50 minus the 30 s lag: 10 s buckets up to 02:04:20, 30 s, 1 and 2 minutes up to 02:04,
    // 5, 15 and 30 minutes and hours up to 02:00 are complete; each tier rolls from its source
    // (30 s and 1 min from 10 s, 2 and 5 min from 1 min, 30 min and 1 h from 15 min, …).
    expect(store.rollup(T0 + 124 * MINUTE_MS + 50_000)).toEqual(
      written({ '10s': 124 * 6 + 2, '30s': 124 * 2, '1m': 124, '2m': 62, '5m': 24, '15m': 8, '30m': 4, '1h': 2 }),
    );
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
    expect(store.info().rows).toEqual({
      raw: 125 * 60,
      ...written({ '10s': 746, '30s': 248, '1m': 124, '2m': 62, '5m': 24, '15m': 8, '30m': 4, '1h': 2 }),
    });
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
    // Data from 00:00 to 00:12; at 01:10 every tier up to the hour is complete.
    expect(store.rollup(now)).toEqual(
      written({ '10s': 72, '30s': 24, '1m': 12, '2m': 6, '5m': 3, '15m': 1, '30m': 1, '1h': 1 }),
    );
    const before = readTier(file, 'rollup_1m');
    expect(store.rollup(now)).toEqual(written({}));
    expect(readTier(file, 'rollup_1m')).toEqual(before);
    store.close();
  });

  it('neither double-counts nor skips buckets across a restart', async () => {
    const split = dbIn(dir, 'split.db');
    const first = await MetricStore.open(split);
    appendMinutes(first, 0, 95);
    first.flush();
    expect(first.rollup(T0 + 90 * MINUTE_MS + 40_000)).toEqual(
      written({ '10s': 90 * 6 + 3, '30s': 181, '1m': 90, '2m': 45, '5m': 18, '15m': 6, '30m': 3, '1h': 1 }),
    );
    first.close();
    const second = await MetricStore.open(split);
    appendMinutes(second, 95, 185);
    second.flush();
    // From where the first run stopped (01:30:30, 01:30, 01:30, 01:30, 01:00) to 03:04:50, 03:04, 03:00, 03:00, 03:00.
    expect(second.rollup(T0 + 185 * MINUTE_MS)).toEqual(
      written({ '10s': 94 * 6 + 2, '30s': 188, '1m': 94, '2m': 47, '5m': 18, '15m': 6, '30m': 3, '1h': 2 }),
    );
    expect(second.rollup(T0 + 185 * MINUTE_MS)).toEqual(written({}));
    second.close();

    const whole = dbIn(dir, 'whole.db');
    const single = await MetricStore.open(whole);
    appendMinutes(single, 0, 185);
    single.flush();
    expect(single.rollup(T0 + 185 * MINUTE_MS)).toEqual(
      written({ '10s': 184 * 6 + 5, '30s': 369, '1m': 184, '2m': 92, '5m': 36, '15m': 12, '30m': 6, '1h': 3 }),
    );
    single.close();

    const splitMinutes = readTier(split, 'rollup_1m');
    expect(splitMinutes.size).toBe(184);
    expect([...splitMinutes.values()].every((row) => row['cpu.total']!.count === 60)).toBe(true);
    expect(splitMinutes).toEqual(readTier(whole, 'rollup_1m'));
    expect(readTier(split, 'rollup_1h')).toEqual(readTier(whole, 'rollup_1h'));
    expect(readTier(split, 'rollup_2m')).toEqual(readTier(whole, 'rollup_2m'));
    expect(readTier(split, 'rollup_30m')).toEqual(readTier(whole, 'rollup_30m'));
    expect(readTier(split, 'rollup_30s')).toEqual(readTier(whole, 'rollup_30s'));
  });

  it('starts at the oldest data on the first run and skips long empty stretches', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    appendMinutes(store, 0, 2);
    store.append({ ts: T0 + 30 * 24 * HOUR_MS + 5000, values: { 'cpu.total': 1 } });
    store.flush();
    // Day 0's buckets, up to the day, in every tier; day 30's first minute in 10 s, 30 s and 1 min only.
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + 2 * MINUTE_MS)).toEqual(
      written({ '10s': 13, '30s': 5, '1m': 3, '2m': 1, '5m': 1, '15m': 1, '30m': 1, '1h': 1, '6h': 1, '1d': 1 }),
    );
    expect([...readTier(file, 'rollup_1m').keys()]).toEqual([T0, T0 + MINUTE_MS, T0 + 30 * 24 * HOUR_MS]);
    expect([...readTier(file, 'rollup_1h').keys()]).toEqual([T0]);
    // That hour completes once its last quarter is rolled, which waits for its last minute (after the lag).
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + HOUR_MS)).toEqual(written({ '2m': 1, '5m': 1, '15m': 1, '30m': 1 }));
    expect(store.rollup(T0 + 30 * 24 * HOUR_MS + HOUR_MS + MINUTE_MS)).toEqual(written({ '1h': 1 }));
    store.close();
  });

  it('rolls a minute again when a sample arrives behind the watermark', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file);
    appendMinutes(store, 0, 80);
    expect(store.rollup(T0 + 3 * HOUR_MS)).toEqual(
      written({ '10s': 480, '30s': 160, '1m': 80, '2m': 40, '5m': 16, '15m': 6, '30m': 3, '1h': 2 }),
    );
    // The sampler stalled, then delivered a reading taken at 01:25 after the 03:00 rollup: its
    // bucket is rolled again in every tier, on every branch (30 s beside 1 min, 2 min beside 5 min,
    // 30 min beside 1 h), and the tiers above it hold it too.
    store.append({ ts: T0 + 85 * MINUTE_MS, values: { 'cpu.total': 1 } });
    expect(store.rollup(T0 + 3 * HOUR_MS + MINUTE_MS)).toEqual(
      written({ '10s': 1, '30s': 1, '1m': 1, '2m': 1, '5m': 1, '15m': 1, '30m': 1, '1h': 1 }),
    );
    expect(readTier(file, 'rollup_1m').get(T0 + 85 * MINUTE_MS)).toEqual({
      'cpu.total': { min: 1, avg: 1, max: 1, count: 1 },
    });
    expect(readTier(file, 'rollup_1h').get(T0 + HOUR_MS)!['cpu.total']!.count).toBe(20 * 60 + 1);
    expect(readTier(file, 'rollup_2m').get(T0 + 84 * MINUTE_MS)!['cpu.total']!.count).toBe(1);
    expect(readTier(file, 'rollup_30m').get(T0 + HOUR_MS)!['cpu.total']!.count).toBe(20 * 60 + 1);
    expect(readTier(file, 'rollup_30s').get(T0 + 85 * MINUTE_MS)).toEqual({
      'cpu.total': { min: 1, avg: 1, max: 1, count: 1 },
    });
    store.close();
  });
});
