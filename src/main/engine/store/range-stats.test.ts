import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { MINUTE_MS } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

describe('stats', () => {
  const dir = useTempDir();

  it('gives the cpu/memory/disk summary with exact figures from raw rows', async () => {
    const store = await MetricStore.open(dbIn(dir));
    for (let i = 1; i <= 100; i++) {
      const values: Record<string, number> = { 'cpu.total': i, 'mem.percent': 40 };
      if (i % 2 === 0) values['disk.used_pct'] = i % 4 === 0 ? 20 : 10;
      store.append({ ts: T0 + i * 1000, values });
    }
    store.flush();
    const stats = await store.stats({});
    expect(stats).toEqual({
      cpu: { avg: 50.5, min: 1, max: 100, p95: 95.05, count: 100 },
      memory: { avg: 40, min: 40, max: 40, p95: 40, count: 100 },
      disk: { avg: 15, min: 10, max: 20, p95: 20, count: 50 },
      totalRecords: 100,
      dateRange: { start: new Date(T0 + 1000).toISOString(), end: new Date(T0 + 100_000).toISOString() },
      resolution: 'raw',
      metrics: {
        'cpu.total': { avg: 50.5, min: 1, max: 100, p95: 95.05, count: 100 },
        'mem.percent': { avg: 40, min: 40, max: 40, p95: 40, count: 100 },
        'disk.used_pct': { avg: 15, min: 10, max: 20, p95: 20, count: 50 },
      },
    });
    const part = await store.stats({ from: T0 + 11_000, to: T0 + 20_000 });
    expect(part.cpu).toEqual({ avg: 15.5, min: 11, max: 20, p95: 19.55, count: 10 });
    expect(part.totalRecords).toBe(10);
    store.close();
  });

  it('answers nulls and zero records for an empty range', async () => {
    const store = await MetricStore.open(dbIn(dir));
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    expect(await store.stats({ from: T0 + 1, to: T0 + 1000 })).toEqual({
      cpu: null,
      memory: null,
      disk: null,
      totalRecords: 0,
      dateRange: { start: null, end: null },
      resolution: 'raw',
      metrics: {},
    });
    store.close();
  });

  it('uses the 1m tier once raw rows are gone, with count-weighted averages', async () => {
    const store = await MetricStore.open(dbIn(dir));
    for (let m = 0; m < 180; m++) {
      for (let s = 0; s < 60; s++)
        store.append({ ts: T0 + m * MINUTE_MS + s * 1000, values: { 'cpu.total': m * 100 + s } });
      store.flush();
    }
    const now = T0 + 180 * MINUTE_MS + MINUTE_MS;
    store.applyRetention({ rawDays: 30 / 1440, minuteDays: 90, hourDays: 1825, maxSizeMb: null }, now);
    const stats = await store.stats({ from: T0 });
    expect(stats.resolution).toBe('1m');
    // p95 over the minute averages m × 100 + 29.5: between ranks 170 and 171.
    expect(stats.cpu).toEqual({ avg: 8979.5, min: 0, max: 17959, p95: 17034.5, count: 10_800 });
    expect(stats.totalRecords).toBe(29 * 60); // raw rows kept: the last 30 minutes before `now`
    expect(stats.dateRange).toEqual({
      start: new Date(T0).toISOString(),
      end: new Date(T0 + 180 * MINUTE_MS - 1000).toISOString(),
    });
    store.close();
  });

  it('reads a long raw range from the 10 s tier plus the unrolled tail, missing nothing', async () => {
    const store = await MetricStore.open(dbIn(dir));
    for (let i = 0; i < 60_000; i++) {
      store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i % 2 } });
      if (i % 3000 === 2999) store.flush();
    }
    store.rollup(T0 + 50_000 * 1000);
    const stats = await store.stats({});
    // 60,000 raw rows are over the 50,000 budget; 5,000 10 s buckets and 10,000 raw rows after them are not.
    expect(stats.resolution).toBe('10s');
    expect(stats.cpu).toMatchObject({ avg: 0.5, min: 0, max: 1, count: 60_000 });
    expect(stats.totalRecords).toBe(60_000);
    store.close();
  });
});

describe('stats over many rows', () => {
  const dir = useTempDir();

  it('takes turns of the event loop between chunks, and counts rows committed meanwhile once', async () => {
    const store = await MetricStore.open(dbIn(dir), { pace: { sliceSteps: 1 }, maxPendingRows: 10_000 });
    for (let i = 0; i < 20_000; i++) {
      store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i % 100 } });
      if (i % 5000 === 4999 && i < 19_999) store.flush();
    }
    // The last 5,000 are still buffered when stats starts.
    expect(store.pendingCount()).toBe(5000);
    let done = false;
    const pending = store.stats({ from: T0, to: T0 + 20_000 * 1000 }).then((stats) => {
      done = true;
      return stats;
    });
    // Stats has read its first chunk and handed the event loop back: commit the buffer under it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(store.flush()).toBe(5000);
    store.append({ ts: T0 + 30_000 * 1000, values: { 'cpu.total': 1000 } });
    const stats = await pending;
    expect(stats.cpu).toMatchObject({ avg: 49.5, min: 0, max: 99, count: 20_000 });
    // 0…99, 200 of each: the readings at ranks 18,999 and 19,000 are 94 and 95; the sketch is within 1 %.
    expect(stats.cpu!.p95).toBeGreaterThanOrEqual(94 * 0.99);
    expect(stats.cpu!.p95).toBeLessThanOrEqual(95 * 1.01);
    expect(stats.totalRecords).toBe(20_000);
    store.close();
  });
});
