// The Prometheus module alone, over a real listener: names, labels, escaping, formats, auth and
// staleness, answered from memory (the store throws if touched), and checked by promtool.
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import { findBinary } from '../push/test-support/system-binary.js';
import { headlessSealer, SecretCodec } from '../settings/secret-codec.js';
import { moduleServices } from '../test-support/module-services.js';
import { TestClock } from '../test-support/test-clock.js';
import { VERSION } from '../version.js';
import { PrometheusModule } from './prometheus-module.js';

const T0 = Date.UTC(2026, 0, 1, 12); // 1767268800 s
const SAMPLE: Sample = {
  ts: T0,
  values: {
    'cpu.total': 12.5,
    'cpu.user': 7.25,
    'cpu.system': 5,
    'cpu.core[0]': 20,
    'load.1': 0.42,
    'mem.used': 4_294_967_296,
    'net.rx': 2048,
    'net.rx[eth0]': 2048,
    'net.rx[wlan 0]': 0,
    'net.rx_total[eth0]': 123_456_789_012,
    'disk.read[nvme0n1]': 4096,
    'fs.used_pct[/mnt/a "b"\\c]': 40.5,
    'temp.cpu': 54.3,
    'battery.charging': 1,
  },
};

const running: PrometheusModule[] = [];
afterEach(async () => {
  for (const module of running.splice(0)) await module.stop();
});

async function endpoint(patch: Record<string, unknown> = {}, clock = new TestClock(T0)) {
  const ctx = moduleServices({ prometheus: { enabled: true, port: 0, ...patch } }, { clock });
  const module = new PrometheusModule(ctx.services);
  ctx.settings.applyTo(module);
  running.push(module);
  await module.start();
  const status = await module.handlers.prometheusStatus();
  if (status.url === null) throw new Error(`not listening: ${status.error}`);
  const get = (headers: Record<string, string> = {}) => fetch(status.url!, { headers });
  return { ...ctx, module, url: status.url, get };
}

describe('GET /metrics', () => {
  it('names every series after its family and labels its entity, escaped, with HELP and TYPE', async () => {
    const { samples, get } = await endpoint();
    samples.publish(SAMPLE);
    const reply = await get();
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = (await reply.text()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# HELP dashlight_cpu_busy_percent CPU busy (all but idle and I/O wait) over the last tick, in percent of all cores.',
        '# TYPE dashlight_cpu_busy_percent gauge',
        'dashlight_cpu_busy_percent{host="test-host"} 12.5',
        'dashlight_cpu_mode_percent{mode="user",host="test-host"} 7.25',
        'dashlight_cpu_mode_percent{mode="system",host="test-host"} 5',
        'dashlight_cpu_core_busy_percent{core="0",host="test-host"} 20',
        'dashlight_load1{host="test-host"} 0.42',
        'dashlight_memory_used_bytes{host="test-host"} 4294967296',
        'dashlight_network_receive_bytes_per_second{host="test-host"} 2048',
        'dashlight_network_interface_receive_bytes_per_second{interface="eth0",host="test-host"} 2048',
        'dashlight_network_interface_receive_bytes_per_second{interface="wlan 0",host="test-host"} 0',
        '# TYPE dashlight_network_interface_receive_bytes_total counter',
        'dashlight_network_interface_receive_bytes_total{interface="eth0",host="test-host"} 123456789012',
        'dashlight_disk_device_read_bytes_per_second{device="nvme0n1",host="test-host"} 4096',
        'dashlight_filesystem_used_percent{mountpoint="/mnt/a \\"b\\"\\\\c",host="test-host"} 40.5',
        'dashlight_cpu_temperature_celsius{host="test-host"} 54.3',
        'dashlight_battery_charging{host="test-host"} 1',
        `dashlight_build_info{version="${VERSION}",host="test-host"} 1`,
        '# TYPE dashlight_samples_total counter',
        'dashlight_samples_total{host="test-host"} 1',
        'dashlight_sample_gaps_total{host="test-host"} 0',
        'dashlight_last_sample_timestamp_seconds{host="test-host"} 1767268800',
      ]),
    );
    expect(lines.filter((l) => l.startsWith('process_resident_memory_bytes'))).toEqual([
      expect.stringMatching(/^process_resident_memory_bytes\{host="test-host"\} \d+$/),
    ]);
    // Each family once, HELP before TYPE before its samples.
    const types = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(types).size).toBe(types.length);
  });

  it.runIf(findBinary('promtool') !== null)('passes promtool check metrics (Debian prometheus)', async () => {
    const { samples, get } = await endpoint();
    samples.publish(SAMPLE);
    const text = await (await get()).text();
    const check = spawnSync(findBinary('promtool')!, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('speaks OpenMetrics to a scraper that prefers it, with _total samples and # EOF', async () => {
    const { samples, get } = await endpoint();
    samples.publish(SAMPLE);
    const reply = await get({
      accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
    });
    expect(reply.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    const text = await reply.text();
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text).toContain(
      '# TYPE dashlight_samples counter\n# HELP dashlight_samples Samples taken since the engine started.\n' +
        'dashlight_samples_total{host="test-host"} 1\n',
    );
    // The text format, asked afterwards, still has its counters whole.
    const plain = await (await get({ accept: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' })).text();
    expect(plain).toContain('# TYPE dashlight_samples_total counter\ndashlight_samples_total{host="test-host"} 1');
  });

  it('leaves out a series once it is older than its cadence allows, hot and slow apart', async () => {
    const clock = new TestClock(T0);
    // Hot values last 3 ticks (at least 10 s); slow ones 2 slow periods and a tick.
    const { samples, get } = await endpoint({}, clock);
    samples.publish({ ts: T0, values: { 'cpu.total': 12.5, 'fs.used_pct[/]': 40 } });
    clock.advance(10_000);
    let text = await (await get()).text();
    expect(text).toContain('dashlight_cpu_busy_percent{host="test-host"} 12.5');
    clock.advance(1);
    text = await (await get()).text();
    expect(text).not.toContain('dashlight_cpu_busy_percent{');
    expect(text).toContain('dashlight_filesystem_used_percent{mountpoint="/",host="test-host"} 40');
    clock.advance(122_000 - 10_001);
    expect(await (await get()).text()).toContain('dashlight_filesystem_used_percent{mountpoint="/"');
    clock.advance(1);
    expect(await (await get()).text()).not.toContain('dashlight_filesystem_used_percent{');
  });
});

describe('who may scrape', () => {
  it('a wrong or missing bearer token gets 401 and no data; the right one gets the metrics', async () => {
    const token = 'a-long-enough-token-0123';
    const { samples, get, module } = await endpoint({ auth: { type: 'bearer', token } });
    samples.publish(SAMPLE);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Basic ${token}` },
    ];
    for (const headers of attempts) {
      const reply = await get(headers);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="dashlight"');
      expect(await reply.text()).toBe('unauthorized: send the bearer credential set in the prometheus.auth setting\n');
    }
    const ok = await get({ authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('dashlight_cpu_busy_percent{host="test-host"} 12.5');
    expect(await module.handlers.prometheusStatus()).toMatchObject({ auth: 'bearer', scrapes: 1, refused: 3 });
  });

  it('basic auth: the user and the password must both match', async () => {
    const { get } = await endpoint({ auth: { type: 'basic', username: 'prom', password: 'hunter2-hunter2' } });
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    expect((await get({ authorization: basic('prom', 'wrong-password') })).status).toBe(401);
    expect((await get({ authorization: basic('other', 'hunter2-hunter2') })).status).toBe(401);
    const denied = await get();
    expect(denied.headers.get('www-authenticate')).toBe('Basic realm="dashlight", charset="UTF-8"');
    expect((await get({ authorization: basic('prom', 'hunter2-hunter2') })).status).toBe(200);
  });

  it('takes its token from an environment variable; stays closed, saying why, when it cannot be had', async () => {
    const token = { env: 'DASHLIGHT_TEST_SCRAPE_TOKEN' };
    const env = { DASHLIGHT_TEST_SCRAPE_TOKEN: 'token-from-the-environment' };
    const withEnv = moduleServices(
      { prometheus: { enabled: true, port: 0, auth: { type: 'bearer', token } } },
      { secrets: new SecretCodec(headlessSealer, { env }) },
    );
    const open = new PrometheusModule(withEnv.services);
    running.push(open);
    await open.start();
    const url = (await open.handlers.prometheusStatus()).url!;
    expect(
      (await fetch(url, { headers: { authorization: 'Bearer {"env":"DASHLIGHT_TEST_SCRAPE_TOKEN"}' } })).status,
    ).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer token-from-the-environment' } })).status).toBe(200);

    const without = moduleServices({ prometheus: { enabled: true, port: 0, auth: { type: 'bearer', token } } });
    const closed = new PrometheusModule(without.services);
    running.push(closed);
    await closed.start();
    expect(await closed.handlers.prometheusStatus()).toMatchObject({
      enabled: true,
      url: null,
      error:
        'not listening: prometheus.auth.token: the environment variable DASHLIGHT_TEST_SCRAPE_TOKEN is not set (or is empty)',
    });
  });

  it('bound to loopback, answers only to a Host of this machine (no DNS rebinding)', async () => {
    const { url } = await endpoint();
    const port = new URL(url).port;
    // fetch() sets Host itself; node:http sends the one given.
    const asked = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/metrics', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await asked(`localhost:${port}`)).toBe(200);
    expect(await asked(`evil.example:${port}`)).toBe(403);
  });
});

describe('the listener', () => {
  it('says why it cannot listen, keeps the engine running, and starts once the port is free', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const ctx = moduleServices({ prometheus: { enabled: true, port } });
    const module = new PrometheusModule(ctx.services);
    ctx.settings.applyTo(module);
    running.push(module);
    await module.start();
    expect(await module.handlers.prometheusStatus()).toMatchObject({
      url: null,
      error: `the Prometheus endpoint cannot start: 127.0.0.1 port ${port} is already in use (another Dashlight, or node_exporter?); choose another with --metrics-port/--metrics-host (prometheus.port/host)`,
    });
    await new Promise((resolve) => blocker.close(resolve));
    await ctx.settings.update({ prometheus: { port: 0 } });
    const status = await module.handlers.prometheusStatus();
    expect(status.error).toBeNull();
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    await ctx.settings.update({ prometheus: { enabled: false } });
    expect(await module.handlers.prometheusStatus()).toMatchObject({ enabled: false, url: null, error: null });
    await expect(fetch(status.url!)).rejects.toThrow();
  });

  it('answers / with a link to /metrics, and other paths and methods as such', async () => {
    const { url } = await endpoint();
    const root = await fetch(new URL('/', url));
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<a href="metrics">Metrics</a>');
    expect((await fetch(new URL('/other', url))).status).toBe(404);
    const post = await fetch(url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
