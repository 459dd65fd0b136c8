// A real Prometheus (Debian) scrapes a real engine's /metrics every second on loopback, over
// OpenMetrics (what Prometheus asks for first). Every scraped value is read back and compared with
// what `latest` was at the time the scrape names (dashlight_last_sample_timestamp_seconds): the
// samples as the engine published them, at full precision (the store keeps gauges as float32).
// A job with a wrong token gets 401 and stores no data. Only the hardware is fake (collectors).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../shared/settings.js';
import type { Collector } from '../collect/types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { describeWithBinary } from '../push/test-support/system-dependency.js';
import { startPrometheus, type Prometheus } from './test-support/prometheus-server.js';

const TOKEN = 'e2e-scrape-token-0123456789';
const HOST = 'e2e-host';

/** The series compared, and where each Dashlight key appears on /metrics (written out by hand). */
const COMPARED = [
  { key: 'cpu.total', metric: 'dashlight_cpu_busy_percent', labels: {} },
  { key: 'cpu.core[0]', metric: 'dashlight_cpu_core_busy_percent', labels: { core: '0' } },
  { key: 'mem.used', metric: 'dashlight_memory_used_bytes', labels: {} },
  {
    key: 'net.rx[wlan 0]',
    metric: 'dashlight_network_interface_receive_bytes_per_second',
    labels: { interface: 'wlan 0' },
  },
  {
    key: 'net.rx_total[wlan 0]',
    metric: 'dashlight_network_interface_receive_bytes_total',
    labels: { interface: 'wlan 0' },
  },
  { key: 'fs.used_pct[/mnt/a "b"]', metric: 'dashlight_filesystem_used_percent', labels: { mountpoint: '/mnt/a "b"' } },
] as const;

/** Values that change every tick, so a scrape matched to the wrong sample shows. */
function changingCollectors(): { hot: Collector[]; slow: Collector[] } {
  let n = 0;
  let m = 0;
  const collector = (name: string, cadence: 'hot' | 'slow', read: () => Record<string, number>): Collector => ({
    name,
    cadence,
    collect: async () => read(),
    reset: () => {},
  });
  return {
    hot: [
      collector('e2e-hot', 'hot', () => {
        n++;
        return {
          'cpu.total': (n % 100) + 0.25,
          'cpu.core[0]': (n * 3) % 100,
          'mem.used': 4_000_000_000 + n,
          'net.rx[wlan 0]': n * 512.5,
          'net.rx_total[wlan 0]': 1_000_000_000_000 + n * 512,
        };
      }),
    ],
    slow: [collector('e2e-slow', 'slow', () => ({ 'fs.used_pct[/mnt/a "b"]': 40 + (++m % 10) / 4 }))],
  };
}

describeWithBinary('prometheus', 'a real Prometheus scraping /metrics', () => {
  let engine: Engine;
  let prometheus: Prometheus;
  /** Every sample as published: what `latest` answered from its time until the next one. */
  const published: Sample[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-scrape-e2e-'));
    const settings = mergeSettings(DEFAULT_SETTINGS, {
      sampling: { interval: '1s', slowInterval: '5s' },
      prometheus: { enabled: true, port: 0, auth: { type: 'bearer', token: TOKEN } },
    });
    engine = await Engine.open({
      paths: resolveDataPaths({ db: join(dir, 'dashlight.db') }),
      settings,
      log: silentLogger(),
      collectors: changingCollectors(),
      host: HOST,
    });
    engine.on('sample', (sample) => void published.push(sample));
    await engine.start();
    const target = new URL((await engine.prometheusStatus()).url!).host;
    prometheus = await startPrometheus([
      { job: 'dashlight', target, token: TOKEN },
      { job: 'wrong-token', target, token: 'not-the-token-0123456789' },
    ]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await engine?.stop();
  });

  it('stores what the engine sampled: every scraped value equals the sample it came from', async () => {
    await expect
      .poll(
        async () =>
          Number(
            (await prometheus.query('count_over_time(dashlight_last_sample_timestamp_seconds{job="dashlight"}[1h])'))[0]
              ?.value?.[1] ?? 0,
          ),
        { timeout: 60_000 },
      )
      .toBeGreaterThanOrEqual(6);
    const stamps = await prometheus.query(`dashlight_last_sample_timestamp_seconds{host="${HOST}"}[1h]`);
    expect(stamps).toHaveLength(1);
    expect(await engine.latest()).toEqual(published.at(-1));
    let compared = 0;
    for (const { key, metric, labels } of COMPARED) {
      const series = await prometheus.query(`${metric}{host="${HOST}"}[1h]`);
      expect(
        series.map((s) => withoutTargetLabels(s.metric)),
        metric,
      ).toEqual([{ __name__: metric, host: HOST, ...labels }]);
      const scraped = new Map(series[0]!.values!.map(([at, value]) => [at, Number(value)]));
      for (const [at, stamp] of stamps[0]!.values!) {
        const sampleTs = Math.round(Number(stamp) * 1000);
        const expected = newestWith(published, key, sampleTs);
        expect(scraped.get(at), `${metric} scraped at ${at}, sample ${sampleTs}`).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(6 * COMPARED.length);
  });

  it('a job with a wrong token gets 401 and no data', async () => {
    await expect
      .poll(async () => (await prometheus.targets()).find((t) => t.labels.job === 'wrong-token')?.lastError ?? '', {
        timeout: 60_000,
      })
      .toBe('server returned HTTP status 401 Unauthorized');
    expect(await prometheus.query('{job="wrong-token",host!=""}')).toEqual([]);
    expect((await prometheus.query('up{job="wrong-token"}'))[0]?.value?.[1]).toBe('0');
    expect((await prometheus.query('up{job="dashlight"}'))[0]?.value?.[1]).toBe('1');
    expect((await engine.prometheusStatus()).refused).toBeGreaterThan(0);
  });
});

/** `instance` and `job` are Prometheus' own: what is compared is what Dashlight exposed. */
function withoutTargetLabels(metric: Readonly<Record<string, string>>): Record<string, string> {
  const { instance: _instance, job: _job, ...rest } = metric;
  return rest;
}

/** The value of `key` in the newest sample at or before `ts` that has it (a slow series is not in every one). */
function newestWith(samples: readonly Sample[], key: string, ts: number): number | undefined {
  const found = samples.filter((s) => s.ts <= ts && s.values[key] !== undefined).sort((a, b) => b.ts - a.ts)[0];
  return found?.values[key];
}
