// Push catching up after an outage, against a real VictoriaMetrics behind the fault proxy. Time is
// faked (setTimeout and Date): the pusher's timers fire when the test moves the clock, and the
// proxy plays the outage by that same clock, so the test asserts what the pusher decided (when it
// tried again), never how fast the machine was. The requests themselves go over real sockets.
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { pushSettingsSchema } from '../../../shared/push-settings.js';
import { silentLogger } from '../log/logger.js';
import { systemClock } from '../schedule/clock.js';
import type { MetricStore } from '../store/metric-store.js';
import { dbIn, useTempDir } from '../store/test-support.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { PushService } from './push-service.js';
import { startFaultProxy, type Fault, type FaultProxy } from './test-support/fault-proxy.js';
import { describeWithBinary } from './test-support/system-dependency.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './test-support/victoria-metrics.js';

const T0 = Date.UTC(2026, 10, 16, 12);
const START = Date.UTC(2026, 10, 23, 12);
const dir = useTempDir('dashlight-push-catch-up-');

interface Attempt {
  /** Seconds after START, by the pusher's own (faked) clock. */
  readonly at: number;
  readonly fault: string;
}

describeWithBinary('victoria-metrics', 'push catches up as soon as the server does', () => {
  let vm: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });
  afterAll(async () => vm?.stop());
  afterEach(() => vi.useRealTimers());

  /**
   * Starts a pusher at START through a proxy that answers `outage(now)` until it returns 'pass', and
   * moves the faked clock from one planned attempt to the next (the plan is what push status
   * reads from the database) until everything is delivered. Returns every attempt.
   */
  async function runThrough(measurement: string, outage: (now: number) => Fault): Promise<Attempt[]> {
    const store: MetricStore = await openEngineStore(dbIn(dir, `${measurement}.db`));
    for (let i = 0; i < 300; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i % 100 } });
    store.flush();
    const proxy: FaultProxy = await startFaultProxy(vm.url);
    proxy.otherwise(() => outage(Date.now()));
    let outcomes = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: START });
    const push = new PushService({
      store,
      settings: pushSettingsSchema.parse({
        targets: [{ name: measurement, kind: 'influx', url: proxy.url, influx: { measurement }, interval: '10m' }],
      }),
      log: silentLogger(),
      clock: systemClock,
      host: 'catch-up',
      // The worst jitter: every wait as long as it can be.
      random: () => 0.999_999,
      onChange: () => void outcomes++,
    });
    const attempts: Attempt[] = [];
    try {
      push.start();
      for (let turn = 0; turn < 60; turn++) {
        const seen = outcomes;
        const status = push.status().targets[0]!;
        if (status.pending === 0) break;
        const plan = status.nextAttempt ?? Date.now();
        await vi.advanceTimersByTimeAsync(plan - Date.now());
        // The attempt goes over real sockets: wait for its outcome (real time, with a generous cap).
        const deadline = performance.now() + 20_000;
        while (outcomes === seen) {
          if (performance.now() > deadline) throw new Error(`no attempt at +${(plan - START) / 1000} s`);
          await new Promise((resolve) => setImmediate(resolve));
        }
        attempts.push({ at: (plan - START) / 1000, fault: proxy.requests.at(-1)!.fault });
      }
    } finally {
      await push.stop();
      vi.useRealTimers();
      store.close();
      await proxy.close();
    }
    expect(await vm.countSamples(`${measurement}_cpu_total`)).toBe(300);
    return attempts;
  }

  it('after a 60 s outage, the first attempt after recovery comes within 30 s of it (backoff capped at 30 s)', async () => {
    // The outage ends just after the fourth attempt (+42 s): the worst moment to recover.
    const recovery = START + 42_001;
    const attempts = await runThrough('outage60', (now) => (now < recovery ? '503' : 'pass'));
    expect(attempts).toEqual([
      { at: 0, fault: '503' },
      { at: 6, fault: '503' },
      { at: 18, fault: '503' },
      { at: 42, fault: '503' },
      { at: 72, fault: 'pass' },
    ]);
    const resumedAfter = START + attempts.at(-1)!.at * 1000 - recovery;
    expect(resumedAfter).toBeLessThanOrEqual(30_000);
  });

  it('after a 10 min outage, it still tries every 30 s, so it resumes within 30 s too', async () => {
    const recovery = START + 600_000;
    const attempts = await runThrough('outage600', (now) => (now < recovery ? '503' : 'pass'));
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    expect(Math.max(...gaps)).toBe(30);
    expect(attempts.at(-1)!.fault).toBe('pass');
    expect(START + attempts.at(-1)!.at * 1000 - recovery).toBeLessThanOrEqual(30_000);
    expect(START + attempts.at(-2)!.at * 1000).toBeLessThan(recovery);
  });

  it('never tries before a Retry-After, even one longer than the cap', async () => {
    let first = true;
    const attempts = await runThrough('retryafter', () => {
      if (!first) return 'pass';
      first = false;
      return { status: 503, retryAfter: 45 };
    });
    expect(attempts).toEqual([
      { at: 0, fault: '503' },
      { at: 45, fault: 'pass' },
    ]);
  });
});
