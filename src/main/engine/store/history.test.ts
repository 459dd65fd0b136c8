import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

/** cpu.total = seconds since T0 (exact in float32 below 2^24); mem.percent every 60 s. */
function fill(store: MetricStore, from: number, to: number, stepMs: number): void {
  for (let ts = from, n = 0; ts < to; ts += stepMs, n++) {
    const values: Record<string, number> = { 'cpu.total': (ts - T0) / 1000 };
    if ((ts - T0) % 60_000 === 0) values['mem.percent'] = 50;
    store.append({ ts, values });
    if (n % 2000 === 1999) store.flush();
  }
  store.flush();
}

const nulls = (values: readonly (number | null)[]) => values.filter((v) => v === null).length;

describe('history', () => {
  const dir = useTempDir();

  it('returns raw points unaggregated when they fit', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + 10 * MINUTE_MS, 1000);
    const result = store.history({ series: ['cpu.total'], from: T0, to: T0 + 10 * MINUTE_MS, maxPoints: 1000 });
    expect(result).toMatchObject({ tier: 'raw', aggregated: false, bucketMs: 1000, from: T0, to: T0 + 10 * MINUTE_MS });
    const cpu = result.series['cpu.total']!;
    expect(cpu.t.length).toBe(600);
    expect(cpu.t.slice(0, 3)).toEqual([T0, T0 + 1000, T0 + 2000]);
    expect(cpu.avg.slice(0, 3)).toEqual([0, 1, 2]);
    expect(cpu.min).toBeUndefined();
    expect(nulls(cpu.avg)).toBe(0);
    store.close();
  });

  it('re-buckets raw points into aligned buckets with a min/max band', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + HOUR_MS, 1000);
    const result = store.history({
      series: ['cpu.total', 'mem.percent'],
      from: T0,
      to: T0 + HOUR_MS - 1,
      maxPoints: 100,
    });
    expect(result).toMatchObject({ tier: 'raw', aggregated: true, bucketMs: 36_000 });
    const cpu = result.series['cpu.total']!;
    expect(cpu.t.length).toBe(100);
    expect(cpu.t[1]).toBe(T0 + 36_000);
    expect([cpu.min![1], cpu.avg[1], cpu.max![1]]).toEqual([36, 53.5, 71]);
    // The 60 s series leaves most 36 s buckets empty: its own interval is not a hole.
    const mem = result.series['mem.percent']!;
    expect(mem.t.length).toBe(60);
    expect(nulls(mem.avg)).toBe(0);
    store.close();
  });

  it('uses the 1m tier when raw rows are too many, and caps points', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + 2 * DAY_MS, 5000); // 34,560 raw rows: over the 24k row budget
    store.rollup(T0 + 2 * DAY_MS + MINUTE_MS);
    const fits = store.history({ series: ['cpu.total'], from: T0, to: T0 + 2 * DAY_MS - 1, maxPoints: 3000 });
    expect(fits).toMatchObject({ tier: '1m', aggregated: true, bucketMs: 60_000 });
    const minute = fits.series['cpu.total']!;
    expect(minute.t.length).toBe(2880);
    expect([minute.min![2], minute.avg[2], minute.max![2]]).toEqual([120, 147.5, 175]);
    // 1,000 points: the 1,440 two-minute buckets are enough (5-minute ones, 576, are not), two per point.
    const capped = store.history({ series: ['cpu.total'], from: T0, to: T0 + 2 * DAY_MS - 1, maxPoints: 1000 });
    expect(capped).toMatchObject({ tier: '2m', aggregated: true, bucketMs: 240_000 });
    const cpu = capped.series['cpu.total']!;
    expect(cpu.t.length).toBe(720);
    expect(cpu.t.every((t) => t % 240_000 === 0)).toBe(true);
    expect([cpu.min![1], cpu.avg[1], cpu.max![1]]).toEqual([240, 357.5, 475]);
    store.close();
  });

  it('reads the newest, not yet rolled minutes from raw rows', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + 2 * DAY_MS, 5000);
    store.rollup(T0 + DAY_MS); // the second day is not rolled up
    const result = store.history({ series: ['cpu.total'], from: T0, to: T0 + 2 * DAY_MS - 1, maxPoints: 3000 });
    expect(result.tier).toBe('1m');
    const cpu = result.series['cpu.total']!;
    expect(cpu.t.length).toBe(2880);
    expect(cpu.t.at(-1)).toBe(T0 + 2 * DAY_MS - MINUTE_MS);
    expect(cpu.max!.at(-1)).toBe(2 * 86_400 - 5);
    store.close();
  });

  it('breaks the line with a null at a recorded gap, without interpolating', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + 60_000, 1000);
    store.recordGap({ from: T0 + 59_000, to: T0 + 65_000, reason: 'paused' });
    fill(store, T0 + 65_000, T0 + 120_000, 1000);
    const raw = store.history({ series: ['cpu.total'], from: T0, to: T0 + 120_000, maxPoints: 1000 }).series[
      'cpu.total'
    ]!;
    const at = raw.avg.indexOf(null);
    expect(nulls(raw.avg)).toBe(1);
    expect([raw.avg[at - 1], raw.avg[at + 1]]).toEqual([59, 65]);
    expect(raw.t[at]).toBeGreaterThan(T0 + 59_000);
    expect(raw.t[at]).toBeLessThan(T0 + 65_000);
    // Bucketed: the gap crosses the boundary of two 10 s buckets.
    const coarse = store.history({ series: ['cpu.total'], from: T0, to: T0 + 119_999, maxPoints: 12 }).series[
      'cpu.total'
    ]!;
    expect(coarse.t.length).toBeLessThanOrEqual(12);
    expect(nulls(coarse.avg)).toBe(1);
    store.close();
  });

  it('marks empty buckets and unrecorded holes as null', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + 10 * MINUTE_MS, 1000);
    fill(store, T0 + 20 * MINUTE_MS, T0 + 30 * MINUTE_MS, 1000); // ten minutes with nothing, no gap recorded
    store.rollup(T0 + HOUR_MS);
    const raw = store.history({ series: ['cpu.total'], from: T0, to: T0 + 30 * MINUTE_MS, maxPoints: 2000 }).series[
      'cpu.total'
    ]!;
    expect(raw.t.length).toBe(1201);
    expect(nulls(raw.avg)).toBe(1);
    const buckets = store.history({ series: ['cpu.total'], from: T0, to: T0 + 30 * MINUTE_MS - 1, maxPoints: 30 });
    // 1,200 raw rows and 120 10 s buckets are over 105 rows for 30 points; 20 minutes fit.
    expect(buckets).toMatchObject({ tier: '1m', bucketMs: 60_000, aggregated: true });
    const cpu = buckets.series['cpu.total']!;
    expect(nulls(cpu.avg)).toBe(1);
    expect(cpu.t[cpu.avg.indexOf(null)]).toBe(T0 + 10 * MINUTE_MS);
    expect(cpu.min![cpu.avg.indexOf(null)]).toBeNull();
    store.close();
  });

  it('answers empty arrays for series without data in the range', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fill(store, T0, T0 + MINUTE_MS, 1000);
    const result = store.history({
      series: ['cpu.total', 'temp.cpu'],
      from: T0 + DAY_MS,
      to: T0 + 2 * DAY_MS,
      maxPoints: 100,
    });
    expect(result.series['cpu.total']!.t).toEqual([]);
    expect(result.series['temp.cpu']).toEqual({ t: [], avg: [] });
    const empty = await MetricStore.open(dbIn(dir, 'empty.db'));
    expect(
      empty.history({ series: ['cpu.total'], from: T0, to: T0 + DAY_MS, maxPoints: 100 }).series['cpu.total']!.avg,
    ).toEqual([]);
    empty.close();
    store.close();
  });
});

describe('history reads only the bytes it needs', () => {
  const dir = useTempDir();

  it('still reads a row whose layout another process added after the query was planned', async () => {
    const file = dbIn(dir);
    const mine = await MetricStore.open(file);
    mine.append({ ts: T0, values: { 'cpu.total': 1 } });
    mine.flush();
    // A second writer (a `dashlight sample` beside the engine) stores a row where cpu.total comes
    // after two cores: further into the blob than any layout this process knows.
    const other = await MetricStore.open(file);
    other.append({ ts: T0 + 1000, values: { 'cpu.core[0]': 5, 'cpu.core[1]': 6, 'cpu.total': 2 } });
    other.close();
    // And a row still in this process's write buffer (whole, and narrower than the other's row).
    mine.append({ ts: T0 + 2000, values: { 'cpu.core[0]': 7, 'cpu.total': 3 } });
    const result = mine.history({ series: ['cpu.total'], from: T0, to: T0 + 2000, maxPoints: 10 });
    expect(result.series['cpu.total']).toEqual({ t: [T0, T0 + 1000, T0 + 2000], avg: [1, 2, 3] });
    mine.close();
  });

  it('reads wide rollup rows in parts, also when their layout came from another process', async () => {
    const file = dbIn(dir);
    const mine = await MetricStore.open(file);
    for (let s = 0; s < 60; s++) mine.append({ ts: T0 + s * 1000, values: { 'cpu.total': 1 } });
    mine.flush();
    mine.rollup(T0 + MINUTE_MS);
    // Minute 1 from a second writer: 70 cores and cpu.total, so its rollup row is stored in parts,
    // cpu.total (position 70) in the second part, in a layout this process has not seen.
    const other = await MetricStore.open(file);
    const cores = (c: number) => Object.fromEntries(Array.from({ length: 70 }, (_, k) => [`cpu.core[${k}]`, c + k]));
    for (let s = 0; s < 60; s++)
      other.append({ ts: T0 + MINUTE_MS + s * 1000, values: { ...cores(s), 'cpu.total': 2 } });
    other.flush();
    other.rollup(T0 + 10 * MINUTE_MS);
    other.close();
    const buckets = (keys: string[]) => {
      const seen: [number, string, number, number, number, number][] = [];
      // A fixed set of keys is numbered in the order given.
      mine.scanBuckets('1m', T0, T0 + 2 * MINUTE_MS - 1, keys, (start, series, min, avg, max, count) =>
        seen.push([start, keys[series]!, min, avg, max, count]),
      );
      return seen.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    };
    // cpu.core[1] sits in the first part, past the bytes this process's own layouts need.
    expect(buckets(['cpu.total', 'cpu.core[1]', 'cpu.core[69]'])).toEqual([
      [T0, 'cpu.total', 1, 1, 1, 60],
      [T0 + MINUTE_MS, 'cpu.core[1]', 1, 30.5, 60, 60],
      [T0 + MINUTE_MS, 'cpu.core[69]', 69, 98.5, 128, 60],
      [T0 + MINUTE_MS, 'cpu.total', 2, 2, 2, 60],
    ]);
    // Now known here: a series of the first part reads the row's first bytes only, and still right.
    expect(buckets(['cpu.core[0]'])).toEqual([[T0 + MINUTE_MS, 'cpu.core[0]', 0, 29.5, 59, 60]]);
    mine.close();
  });
});
