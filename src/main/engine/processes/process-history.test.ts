/**
 * Process history on a real SQLite file: what a minute keeps, how minutes roll into hours, how a
 * range is read across tiers and the minute still open, and how long it is all kept.
 */
import { describe, expect, it } from 'vitest';
import { dbIn, T0, useTempDir } from '../store/test-support.js';
import { decodeBucket, encodeBucket } from './bucket-codec.js';
import { MinuteAccumulator } from './minute-accumulator.js';
import { writeMinute } from './minute-writer.js';
import { MINUTE_KEEP } from './process-tiers.js';
import { openProcessHistory, passApp, passOf } from './test-support.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const MiB = 1024 * 1024;
const name = (i: number) => `a${String(i).padStart(2, '0')}`;

describe('a minute of process history', () => {
  const dir = useTempDir('dashlight-processes-');

  it('keeps each of its top 10 by CPU, by memory and by I/O exactly', async () => {
    const parts = await openProcessHistory(dbIn(dir));
    // 25 apps: CPU grows with i, memory shrinks with it, I/O only for multiples of 3.
    const apps = Array.from({ length: 25 }, (_, k) => {
      const i = k + 1;
      return passApp(name(i), { cpuCs: i * 10, rssBytes: (26 - i) * MiB, ioBytes: i % 3 === 0 ? i * 4096 : 0 });
    });
    const minutes = new MinuteAccumulator(MINUTE_KEEP);
    minutes.add(T0 + 5000, 55_000, 4, passOf(apps));
    writeMinute(parts, minutes.take()!);
    const range = { from: T0, to: T0 + MINUTE };
    const top = (by: 'cpu' | 'memory' | 'io', limit = 10) =>
      parts.query({ ...range, by, limit }).apps.map((a) => a.app);
    expect(top('cpu')).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16].map(name));
    expect(top('memory')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(name));
    expect(top('io')).toEqual([24, 21, 18, 15, 12, 9, 6, 3].map(name));
    // What the minute keeps is the union of those lists (22 apps): a14 made none of them.
    expect(top('cpu', 100)).toEqual(
      [25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map(name),
    );
    const result = parts.query({ ...range, by: 'cpu', limit: 1 });
    expect(result).toMatchObject({ bucketMs: MINUTE, coveredMs: 55_000, cores: 4, totalCpuSeconds: 32.5 });
    expect(result.apps[0]).toEqual({
      app: 'a25',
      kind: 'exe',
      cpuSeconds: 2.5,
      cpuShare: 2.5 / (4 * 55),
      peakRssBytes: 1 * MiB,
      ioBytes: 0,
      topPid: 100,
      command: '/usr/bin/a25',
    });
    parts.store.close();
  });

  it('adds passes up: CPU and I/O summed, memory at its peak, the busiest pid and its command', async () => {
    const minutes = new MinuteAccumulator(MINUTE_KEEP);
    const pass = (cpuCs: number, rss: number, pid: number) =>
      passOf([
        passApp('node', {
          cpuCs,
          rssBytes: rss * MiB,
          ioBytes: 8192,
          topPid: pid,
          topCommand: `node worker-${pid}.js`,
        }),
      ]);
    expect(minutes.add(T0 + 5_000, 5_000, 2, pass(100, 50, 11))).toBeNull();
    expect(minutes.add(T0 + 10_000, 5_000, 2, pass(400, 80, 12))).toBeNull();
    expect(minutes.add(T0 + 15_000, 5_000, 2, pass(200, 60, 13))).toBeNull();
    const done = minutes.add(T0 + MINUTE + 5_000, 5_000, 2, pass(1, 1, 14))!;
    expect(done).toMatchObject({ start: T0, cores: 2, spanMs: 15_000, totalCpuCs: 700, totalIoKib: 24 });
    expect(done.apps).toEqual([
      {
        key: 'exe:node',
        app: { kind: 'exe', name: 'node' },
        cpuCs: 700,
        peakRssKib: 80 * 1024,
        ioKib: 24,
        topPid: 12,
        topCommand: 'node worker-12.js',
        topCpuCs: 400,
      },
    ]);
    expect(minutes.peek()?.start).toBe(T0 + MINUTE);
  });

  it('merges a minute written twice (an engine restarted within it)', async () => {
    const parts = await openProcessHistory(dbIn(dir));
    const write = (cpuCs: number, rss: number) => {
      const minutes = new MinuteAccumulator(MINUTE_KEEP);
      minutes.add(T0 + 20_000, 20_000, 4, passOf([passApp('db', { cpuCs, rssBytes: rss * MiB })]));
      writeMinute(parts, minutes.take()!);
    };
    write(300, 100);
    write(200, 150);
    const [db] = parts.query({ from: T0, to: T0 + MINUTE, by: 'cpu', limit: 5 }).apps;
    expect(db).toMatchObject({ app: 'db', cpuSeconds: 5, peakRssBytes: 150 * MiB });
    expect(parts.query({ from: T0, to: T0 + MINUTE, by: 'cpu', limit: 5 }).coveredMs).toBe(40_000);
    parts.store.close();
  });

  it('encodes a bucket in a few bytes per app and refuses bytes it does not understand', () => {
    const data = encodeBucket({
      cores: 8,
      spanMs: 60_000,
      totalCpuCs: 1234,
      totalIoKib: null,
      apps: [{ appId: 3, cpuCs: 1000, peakRssKib: 204_800, ioKib: null, commandId: 70_000 }],
    });
    expect(data.length).toBe(1 + 1 + 3 + 2 + 1 + 1 + (1 + 2 + 3 + 1 + 3));
    expect(decodeBucket(data)).toEqual({
      cores: 8,
      spanMs: 60_000,
      totalCpuCs: 1234,
      totalIoKib: null,
      apps: [{ appId: 3, cpuCs: 1000, peakRssKib: 204_800, ioKib: null, commandId: 70_000 }],
    });
    expect(() => decodeBucket(data.subarray(0, 9))).toThrow('process bucket ends mid-number: the row is damaged');
    expect(() => decodeBucket(Buffer.from([2, 0]))).toThrow(
      'process bucket of version 2: written by a newer Dashlight',
    );
  });
});

describe('process history over time', () => {
  const dir = useTempDir('dashlight-processes-');

  /** 150 minutes from T0: `steady` 1 CPU-second a minute, `burst` 10 s in minute 70 only. */
  async function twoAndAHalfHours() {
    const parts = await openProcessHistory(dbIn(dir));
    const minutes = new MinuteAccumulator(MINUTE_KEEP);
    for (let m = 0; m < 150; m++) {
      const apps = [passApp('steady', { cpuCs: 100, rssBytes: 10 * MiB, topPid: 1000 + Math.floor(m / 60) })];
      if (m === 70)
        apps.push(passApp('burst', { cpuCs: 1000, rssBytes: 500 * MiB, topPid: 77, topCommand: 'burst --hard' }));
      const done = minutes.add(T0 + m * MINUTE + 30_000, 60_000, 2, passOf(apps));
      if (done) writeMinute(parts, done);
      parts.store.append({ ts: T0 + m * MINUTE + 30_000, values: { 'cpu.total': 10 } });
    }
    return { parts, open: minutes.peek() };
  }

  it('rolls complete hours up, and reads a range from the hours plus the minutes after them', async () => {
    const { parts, open } = await twoAndAHalfHours();
    expect(parts.rollup.run(T0 + 150 * MINUTE + 10_000, 3000)).toBe(2);
    expect(parts.history.watermark(HOUR)).toBe(T0 + 2 * HOUR);
    // Running again changes nothing.
    expect(parts.rollup.run(T0 + 150 * MINUTE + 10_000, 3000)).toBe(0);

    const recent = parts.query({ from: T0, to: T0 + 150 * MINUTE, by: 'cpu', limit: 5 }, open);
    expect(recent.bucketMs).toBe(MINUTE);
    expect(recent.apps.map((a) => [a.app, a.cpuSeconds])).toEqual([
      ['steady', 150],
      ['burst', 10],
    ]);
    // A month reads hours (30 days of minutes would be 43,200 buckets), then the minutes after them.
    const month = parts.query(
      { from: T0 + 150 * MINUTE - 30 * 24 * HOUR, to: T0 + 150 * MINUTE, by: 'cpu', limit: 5 },
      open,
    );
    expect(month.bucketMs).toBe(HOUR);
    expect(month.apps.map((a) => [a.app, a.cpuSeconds])).toEqual([
      ['steady', 150],
      ['burst', 10],
    ]);
    expect(month.coveredMs).toBe(150 * MINUTE);
    const byMemory = parts.query({ from: T0, to: T0 + 3 * HOUR, by: 'memory', limit: 1 }, open).apps[0];
    expect(byMemory).toMatchObject({ app: 'burst', peakRssBytes: 500 * MiB, topPid: 77, command: 'burst --hard' });
    // The busiest minute's process stands for the app: steady's pid changed every hour.
    const steady = parts.query({ from: T0 + 90 * MINUTE, to: T0 + 150 * MINUTE, by: 'cpu', limit: 1 }, open).apps[0];
    expect(steady).toMatchObject({ app: 'steady', topPid: 1001 });
    parts.store.close();
  });

  it('includes the minute still open, so a range ending now reaches the last pass', async () => {
    const { parts, open } = await twoAndAHalfHours();
    expect(open?.start).toBe(T0 + 149 * MINUTE);
    const last = parts.query({ from: T0 + 149 * MINUTE, to: T0 + 150 * MINUTE, by: 'cpu', limit: 5 }, open);
    expect(last.apps.map((a) => [a.app, a.cpuSeconds, a.command])).toEqual([['steady', 1, '/usr/bin/steady']]);
    expect(parts.query({ from: T0 + 149 * MINUTE, to: T0 + 150 * MINUTE, by: 'cpu', limit: 5 }).apps).toEqual([]);
    parts.store.close();
  });

  it('is kept as long as the store keeps its tiers, and never before the hours have it', async () => {
    const { parts } = await twoAndAHalfHours();
    const now = T0 + 150 * MINUTE + 10_000;
    parts.rollup.run(now, 3000);
    // The store keeps 1-minute rows for 0.02 days (28.8 min), but only those rolled into hours go: up to 2 h.
    parts.store.applyRetention({ rawDays: 1, minuteDays: 0.02, hourDays: 365, maxSizeMb: null }, now);
    expect(parts.retention.apply()).toEqual({ buckets: 120, commands: 0 });
    const minutesLeft: number[] = [];
    parts.history.scan(MINUTE, 0, now, (start) => minutesLeft.push((start - T0) / MINUTE));
    // Minute 149 is still open in memory: nothing wrote it yet.
    expect(minutesLeft).toEqual(Array.from({ length: 29 }, (_, i) => 120 + i));
    const hours: number[] = [];
    parts.history.scan(HOUR, 0, now, (start) => hours.push((start - T0) / HOUR));
    expect(hours).toEqual([0, 1]);
    // The whole range still answers from what is left: hours, then the last minutes.
    const all = parts.query({ from: T0 - 30 * 24 * HOUR, to: now, by: 'cpu', limit: 5 });
    expect(all.apps.map((a) => [a.app, a.cpuSeconds])).toEqual([
      ['steady', 149],
      ['burst', 10],
    ]);
    parts.store.close();
  });
});
