import { afterEach, describe, expect, it, vi } from 'vitest';
import schedule from 'node-schedule';
import { RepeatingJob } from './repeating-job.js';

afterEach(async () => {
  await schedule.gracefulShutdown();
  vi.useRealTimers();
});

describe('RepeatingJob', () => {
  it('aligns runs to wall-clock multiples of the interval, plus an offset', () => {
    const minute = new RepeatingJob('m', 60_000, () => {}, undefined, undefined, 5_000);
    const t = Date.parse('2026-03-01T10:00:03Z');
    expect(new Date(minute.nextRunAt(t)).toISOString()).toBe('2026-03-01T10:00:05.000Z');
    expect(new Date(minute.nextRunAt(t + 2_000)).toISOString()).toBe('2026-03-01T10:01:05.000Z');
    const tick = new RepeatingJob('t', 2_000, () => {});
    expect(tick.nextRunAt(Date.parse('2026-03-01T10:00:03.100Z'))).toBe(Date.parse('2026-03-01T10:00:04Z'));
  });

  it('runs repeatedly, reports errors without stopping, and leaves nothing armed after stop', async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const job = new RepeatingJob(
      'x',
      30,
      () => {
        runs++;
        if (runs === 2) throw new Error('boom');
      },
      undefined,
      (e) => errors.push(e),
    );
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    job.start();
    await vi.advanceTimersByTimeAsync(120);
    expect(runs).toBe(4);
    await job.stop();
    expect(errors).toHaveLength(1);
    expect(job.active).toBe(false);
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(4);
  });
});

describe('RepeatingJob with a clock that fires early', () => {
  it('never re-arms the slot it just ran, so a slot runs once', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    // The injected clock lags 2 ms behind the timers, like a timer that fires a little early.
    const lagging = { wall: () => Date.now() - 2, mono: () => performance.now() };
    const slots: number[] = [];
    const job = new RepeatingJob('early', 40, () => void slots.push(Math.round((Date.now() + 2) / 40)), lagging);
    job.start();
    await vi.advanceTimersByTimeAsync(150); // slots at 0, 40, 80 and 120 ms
    await job.stop();
    expect(slots).toHaveLength(4);
    expect(new Set(slots).size).toBe(slots.length);
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
  });
});
