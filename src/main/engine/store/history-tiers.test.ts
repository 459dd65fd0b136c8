import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './schema.js';
import { writeSyntheticHistory } from './synthetic-history.js';
import { dbIn, T0, useTempDir } from './test-support.js';

// Which tier answers a history query, on synthetic histories of days to years (history.test.ts
// covers the answer itself: buckets, bands, gaps).

const nulls = (values: readonly (number | null)[]) => values.filter((v) => v === null).length;

describe('history tier choice', () => {
  const dir = useTempDir();

  it('uses the coarse tiers for ranges only they still hold, the coarsest with rows for 0.6 of the points', async () => {
    const file = dbIn(dir);
    const end = T0 + 30 * DAY_MS;
    await writeSyntheticHistory(file, { end, days: 30, rawDays: 1, minuteDays: 3, intervalMs: 10_000 });
    const store = await MetricStore.open(file);
    const month = store.history({
      series: ['cpu.total', 'net.rx_total[eth0]'],
      from: end - 30 * DAY_MS,
      to: end - 1,
      maxPoints: 100,
    });
    // 720 hours are over 350 rows for 100 points; 120 quarter-days fit, two per 12-hour point.
    expect(month).toMatchObject({ tier: '6h', aggregated: true, bucketMs: 12 * HOUR_MS });
    expect(month.series['cpu.total']!.t.length).toBe(60);
    const hourly = store.history({ series: ['cpu.total'], from: end - 30 * DAY_MS, to: end - 1, maxPoints: 2000 });
    expect(hourly).toMatchObject({ tier: '1h', bucketMs: HOUR_MS });
    expect(hourly.series['cpu.total']!.t.length).toBe(720);
    const day = store.history({ series: ['cpu.total'], from: end - DAY_MS, to: end - 1, maxPoints: 2000 });
    // 8,640 rows at 10 s (raw or 10 s buckets) are over 7,000 for 2,000 points; 2,880 half-minutes
    // fit but 1,440 minutes are enough (720 two-minute buckets are not).
    expect(day.tier).toBe('1m');
    // 3 days: the 2-minute tier keeps rawDays (1 day), so 4,320 minutes answer in 3-minute buckets
    // (5-minute ones, 864, are not enough).
    const threeDays = store.history({ series: ['cpu.total'], from: end - 3 * DAY_MS, to: end - 1, maxPoints: 2000 });
    expect(threeDays).toMatchObject({ tier: '1m', bucketMs: 3 * MINUTE_MS });
    expect(threeDays.series['cpu.total']!.t.length).toBe(1440);
    for (const [days, maxPoints] of [
      [1, 50],
      [3, 777],
      [10, 2],
      [30, 3000],
    ] as const) {
      const r = store.history({
        series: ['cpu.total', 'fs.used_pct[/]'],
        from: end - days * DAY_MS,
        to: end,
        maxPoints,
      });
      for (const s of Object.values(r.series)) expect(s.t.length).toBeLessThanOrEqual(maxPoints);
      expect(r.series['cpu.total']!.t.length).toBeGreaterThan(0);
    }
    store.close();
  });

  it('reads the 2-minute tier within rawDays only: past it, the 1-minute tier answers, without a gap', async () => {
    const file = dbIn(dir);
    const end = T0 + 10 * DAY_MS;
    await writeSyntheticHistory(file, { end, days: 10, rawDays: 3, minuteDays: 10, intervalMs: 10_000 });
    const store = await MetricStore.open(file);
    const ask = (fromDaysAgo: number) =>
      store.history({
        series: ['cpu.total'],
        from: end - fromDaysAgo * DAY_MS,
        to: end - (fromDaysAgo - 3) * DAY_MS - 1,
        maxPoints: 2000,
      });
    // The last 3 days: 2,160 two-minute buckets, not 4,320 minutes.
    expect(ask(3)).toMatchObject({ tier: '2m', bucketMs: 4 * MINUTE_MS });
    // Wholly before the 2-minute rows, and straddling their start: every 3-minute bucket is there.
    for (const daysAgo of [9, 4]) {
      const result = ask(daysAgo);
      expect(result).toMatchObject({ tier: '1m', bucketMs: 3 * MINUTE_MS });
      const { t, avg } = result.series['cpu.total']!;
      expect(t.length).toBe(1440);
      expect(t[0]).toBe(end - daysAgo * DAY_MS);
      expect(t.every((ts, i) => i === 0 || ts - t[i - 1]! === 3 * MINUTE_MS)).toBe(true);
      expect(nulls(avg)).toBe(0);
    }
    store.close();
  });

  it('answers from a coarser tier when its buckets are as wide as the re-bucketed answer', async () => {
    const file = dbIn(dir);
    const end = T0 + 15 * DAY_MS;
    await writeSyntheticHistory(file, { end, days: 15, rawDays: 1, minuteDays: 15, intervalMs: 10_000 });
    const store = await MetricStore.open(file);
    const ask = (days: number) => {
      const before = store.rowsRead;
      const result = store.history({ series: ['cpu.total'], from: end - days * DAY_MS, to: end - 1, maxPoints: 2000 });
      const t = result.series['cpu.total']!.t;
      return { tier: result.tier, bucketMs: result.bucketMs, points: t.length, rows: store.rowsRead - before, t };
    };
    // 14 days: 4,032 five-minute rows fit 7,000, but 2,000 points make them quarter-hours,
    // which the 15-minute tier holds already: 1,344 rows read, not 4,032.
    const fortnight = ask(14);
    expect(fortnight).toMatchObject({ tier: '15m', bucketMs: 15 * MINUTE_MS, points: 1344, rows: 1344 });
    expect(fortnight.t.every((t) => t % (15 * MINUTE_MS) === 0)).toBe(true);
    // 7 days: 10-minute points, which quarter-hours cannot give: the 5-minute rows answer.
    expect(ask(7)).toMatchObject({ tier: '5m', bucketMs: 10 * MINUTE_MS, points: 1008, rows: 2016 });
    store.close();
  });
});

describe('history after the sampling interval changed', () => {
  const dir = useTempDir();

  it('picks the tier from the rows each range really holds, reading at most 4 rows per point', async () => {
    const file = dbIn(dir);
    const end = T0 + 10 * DAY_MS;
    // 1 Hz for years, then every 60 s for the last 3.5 days: the newest rows say nothing about the older ones.
    await writeSyntheticHistory(file, { end, days: 10, change: { at: end - 3.5 * DAY_MS, intervalMs: 60_000 } });
    const store = await MetricStore.open(file);
    const ask = (days: number) => {
      const before = store.rowsRead;
      const result = store.history({ series: ['cpu.total'], from: end - days * DAY_MS, to: end - 1, maxPoints: 2000 });
      const points = result.series['cpu.total']!.avg.filter((v) => v !== null).length;
      return { tier: result.tier, points, rows: store.rowsRead - before };
    };
    // The last hour, 6 hours, day: every reading there is (one a minute), from raw rows.
    expect(ask(1 / 24)).toEqual({ tier: 'raw', points: 60, rows: 60 });
    expect(ask(1 / 4)).toEqual({ tier: 'raw', points: 360, rows: 360 });
    expect(ask(1)).toEqual({ tier: 'raw', points: 1440, rows: 1440 });
    // 2 and 3 days: 2,880 and 4,320 raw rows (or 1-minute buckets); 1,440 and 2,160 two-minute
    // buckets are enough.
    expect(ask(2)).toEqual({ tier: '2m', points: 1440, rows: 1440 });
    expect(ask(3)).toEqual({ tier: '2m', points: 1080, rows: 2160 });
    // 5 and 7 days reach into the 1 Hz days: raw would be 133,000+ rows; 1-minute rows are 7,200
    // and 10,080 (over 7,000), 2-minute ones 3,600 and 5,040: 5-minute buckets are enough, 1,440
    // and 2,016 of them (15-minute ones, 480 and 672, are not).
    expect(ask(5)).toMatchObject({ tier: '5m', rows: 1440, points: 1440 });
    const week = ask(7);
    expect(week).toMatchObject({ tier: '5m', rows: 2016 });
    expect(week.points).toBeGreaterThanOrEqual(1000);
    expect(week.rows / week.points).toBeLessThanOrEqual(4);
    store.close();
  });
});
