import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gap, Sample } from '../../../shared/sample.js';
import type { Collector } from '../collect/types.js';
import { silentLogger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import { armedJobs } from '../schedule/repeating-job.js';
import { Sampler } from './sampler.js';

/** A counter-backed fake: emits a rate like a real collector, priming on the first read. */
class FakeRateCollector implements Collector {
  readonly name = 'fake-rate';
  readonly cadence = 'hot' as const;
  counter = 0;
  reads = 0;
  resets = 0;
  private last: { counter: number; mono: number } | undefined;

  async collect(mono: number): Promise<Record<string, number>> {
    this.reads++;
    this.counter += 1000;
    const previous = this.last;
    this.last = { counter: this.counter, mono };
    if (!previous || mono <= previous.mono) return { 'load.1': this.reads };
    return { 'load.1': this.reads, 'net.rx': ((this.counter - previous.counter) * 1000) / (mono - previous.mono) };
  }

  reset() {
    this.resets++;
    this.last = undefined;
  }
}

class FakeSlowCollector implements Collector {
  readonly name = 'fake-slow';
  readonly cadence = 'slow' as const;
  reads = 0;
  async collect() {
    this.reads++;
    return { 'disk.used_pct': 50 };
  }
  reset() {}
}

class FailingCollector implements Collector {
  readonly name = 'broken';
  readonly cadence = 'hot' as const;
  async collect(): Promise<Record<string, number>> {
    throw new Error('boom');
  }
  reset() {}
}

function fakeClock(): Clock & { advance(wallMs: number, monoMs: number): void } {
  let wall = Date.parse('2026-03-01T00:00:00Z');
  let mono = 0;
  return {
    wall: () => wall,
    mono: () => mono,
    advance(w, m) {
      wall += w;
      mono += m;
    },
  };
}

function setup(options: { intervalMs?: number; slowIntervalMs?: number; clock?: Clock } = {}) {
  const samples: Sample[] = [];
  const gaps: Gap[] = [];
  const hot = new FakeRateCollector();
  const slow = new FakeSlowCollector();
  const sampler = new Sampler({
    hot: [hot, new FailingCollector()],
    slow: [slow],
    intervalMs: options.intervalMs ?? 2000,
    slowIntervalMs: options.slowIntervalMs ?? 60_000,
    log: silentLogger(),
    clock: options.clock,
    primeDelayMs: 0,
    onSample: (s) => samples.push(s),
    onGap: (g) => gaps.push(g),
  });
  return { sampler, samples, gaps, hot, slow };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Sampler', () => {
  it('primes rates before the first manual sample, and a failing collector costs only its own metrics', async () => {
    const clock = fakeClock();
    const { sampler, samples, hot } = setup({ clock });
    clock.advance(0, 0);
    const first = await sampler.sampleNow();
    expect(hot.reads).toBe(2); // priming read + the sample
    expect(first.values['load.1']).toBe(2);
    expect(samples).toEqual([first]);
    expect(first.gapBefore).toBeUndefined();
  });

  it('computes rates between samples from the monotonic clock', async () => {
    const clock = fakeClock();
    const { sampler } = setup({ clock });
    await sampler.sampleNow();
    clock.advance(2000, 2000);
    const second = await sampler.sampleNow();
    expect(second.values['net.rx']).toBe(500); // 1000 bytes over 2 s
  });

  it('records a sleep as an explicit gap, re-primes rates, and never back-fills', async () => {
    const clock = fakeClock();
    const { sampler, samples, gaps, hot } = setup({ clock });
    const before = await sampler.sampleNow();
    clock.advance(3_600_000, 2_000); // an hour of wall time, 2 s of monotonic time
    const after = await sampler.sampleNow();
    expect(gaps).toEqual([{ from: before.ts, to: after.ts, reason: 'sleep' }]);
    expect(after.gapBefore).toBe(true);
    expect(after.values['net.rx']).toBeUndefined(); // no rate averaged across the hole
    expect(hot.resets).toBeGreaterThanOrEqual(2);
    expect(samples).toHaveLength(2); // one sample, not an hour of catch-up
  });

  it("records the time since the last stored sample as a 'restart' gap", async () => {
    // An hourly schedule: no scheduled tick can slip in before the manual sample on a busy machine.
    const clock = fakeClock();
    const { sampler, gaps, samples } = setup({ intervalMs: 3_600_000, clock });
    const lastStored = clock.wall() - 3_600_000;
    await sampler.start(lastStored);
    const sample = await sampler.sampleNow();
    await sampler.stop();
    expect(gaps[0]).toMatchObject({ from: lastStored, reason: 'restart' });
    expect(samples[0]!.gapBefore).toBe(true);
    expect(sample.ts).toBe(gaps[0]!.to);
  });

  it('reads the slow set on its own cadence and on every manual sample', async () => {
    const clock = fakeClock();
    const { sampler, slow } = setup({ clock, slowIntervalMs: 60_000 });
    await sampler.sampleNow();
    expect(slow.reads).toBe(1);
    clock.advance(2000, 2000);
    await sampler.sampleNow(); // manual samples include the slow set
    expect(slow.reads).toBe(2);
  });

  it('ticks on schedule, pauses with a recorded gap, and stops with no job left armed', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 2, 1) });
    const { sampler, samples, gaps } = setup({ intervalMs: 50, slowIntervalMs: 5000 });
    await sampler.start();
    await vi.advanceTimersByTimeAsync(150);
    expect(samples).toHaveLength(3);
    await sampler.pause();
    expect(sampler.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(200);
    expect(samples).toHaveLength(3);
    await sampler.resume();
    await vi.advanceTimersByTimeAsync(50);
    expect(samples).toHaveLength(4);
    expect(gaps.at(-1)?.reason).toBe('paused');
    expect(samples[3]!.gapBefore).toBe(true);
    await sampler.stop();
    expect(sampler.state).toBe('stopped');
    expect(armedJobs()).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(samples).toHaveLength(4);
  });
});
