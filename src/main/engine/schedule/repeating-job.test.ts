import { afterEach, describe, expect, it, vi } from 'vitest';
import { armedJobs, RepeatingJob } from './repeating-job.js';

afterEach(() => {
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
    expect(armedJobs()).toEqual(['x']);
    await vi.advanceTimersByTimeAsync(120);
    expect(runs).toBe(4);
    await job.stop();
    expect(errors).toHaveLength(1);
    expect(job.active).toBe(false);
    expect(armedJobs()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(4);
  });

  it('re-arms from the new interval at once when the interval changes', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    const at: number[] = [];
    const job = new RepeatingJob('i', 1_000, () => void at.push(Date.now() % 60_000));
    job.start();
    await vi.advanceTimersByTimeAsync(2_500); // runs at 1 s and 2 s
    job.setInterval(2_000);
    await vi.advanceTimersByTimeAsync(4_000); // then at 4 s and 6 s, not 3 s
    await job.stop();
    expect(at).toEqual([1_000, 2_000, 4_000, 6_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits in steps when the next run is further away than one timer can wait', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T00:00:00Z') });
    const day = 86_400_000;
    let runs = 0;
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const job = new RepeatingJob('monthly', 30 * day, () => void runs++);
    job.start();
    const first = job.nextRunAt(Date.parse('2026-03-01T00:00:00Z'));
    await vi.advanceTimersByTimeAsync(first - Date.now() - 1);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await job.stop();
    // Node runs a longer timer after 1 ms instead: every wait must fit in one timer.
    const delays = timers.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.length).toBeGreaterThan(1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});

describe('RepeatingJob with a clock that runs slow', () => {
  it('never re-arms the slot it just ran, so a slot runs once', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    // The injected clock gains 9 ms for every 10 ms of the timers': each timer fires before its
    // slot by that clock, as a timer firing a little early would.
    const origin = Date.now();
    const slow = { wall: () => origin + (Date.now() - origin) * 0.9, mono: () => performance.now() };
    const slots: number[] = [];
    const job = new RepeatingJob('early', 40, () => void slots.push(Math.round((slow.wall() - origin) / 40)), slow);
    job.start();
    await vi.advanceTimersByTimeAsync(150); // slots at 40, 80 and 120 ms by the slow clock
    await job.stop();
    expect(slots).toEqual([1, 2, 3]);
    expect(armedJobs()).toEqual([]);
  });
});
