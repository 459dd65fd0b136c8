// Push against real servers: VictoriaMetrics and InfluxDB 1.6 (Debian packages, started here on
// 127.0.0.1 with temp data dirs), a recording server for http-json and OTLP, and a fault-injecting
// proxy in front of VictoriaMetrics. Every sample must arrive exactly once after dedup.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushSettingsSchema, type PushTargetInput } from '../../../shared/push-settings.js';
import { silentLogger } from '../log/logger.js';
import { systemClock } from '../schedule/clock.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { dbIn, useTempDir } from '../store/test-support.js';
import { PushService } from './push-service.js';
import { startFaultProxy } from './test-support/fault-proxy.js';
import { startInfluxDB, type InfluxDB } from './test-support/influxdb.js';
import { startRecordingServer } from './test-support/recording-server.js';
import { describeWithBinary } from './test-support/system-dependency.js';
import { startVictoriaMetrics, type VictoriaMetrics } from './test-support/victoria-metrics.js';

const T0 = Date.UTC(2026, 10, 16, 12); // a week before "today": pushes are back-fills
const open: { store: MetricStore; push: PushService }[] = [];
const dir = useTempDir('dashlight-push-e2e-');

afterEach(async () => {
  for (const { store, push } of open.splice(0)) {
    await push.stop();
    store.close();
  }
});

/** `count` samples of a small machine (two interfaces, two mounts), one per second from T0. */
async function storeWith(count: number): Promise<MetricStore> {
  const store = await openEngineStore(dbIn(dir, `push-${Math.random().toString(36).slice(2)}.db`));
  for (let i = 0; i < count; i++) {
    store.append({
      ts: T0 + i * 1000,
      values: {
        'cpu.total': i % 100,
        'net.rx[eth0]': i * 10,
        'net.rx[wlan 0]': 1,
        'fs.used_pct[/]': 40,
        'fs.used_pct[/mnt/a,b]': 50,
      },
    });
  }
  store.flush();
  return store;
}

function service(store: MetricStore, target: PushTargetInput, fast = true) {
  const push = new PushService({
    store,
    settings: pushSettingsSchema.parse({ targets: [target] }),
    log: silentLogger(),
    clock: systemClock,
    host: 'e2e-host',
    // Retries after 50 ms instead of 5 s so the fault script runs in seconds; Retry-After still rules.
    backoff: fast ? () => 50 : undefined,
  });
  open.push({ store, push });
  return push;
}

/** Pushes until nothing is pending (or the deadline), the way the interval would. */
async function drain(push: PushService, name: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await push.pushNow(name);
    const target = status.targets.find((t) => t.name === name)!;
    if (target.pending === 0) return target;
    if (Date.now() > deadline) throw new Error(`still ${target.pending} pending: ${target.lastError}`);
    const wait = target.nextAttempt === null ? 20 : Math.max(20, target.nextAttempt - Date.now());
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Waits, without pushing, until the target's own schedule has sent everything. */
async function settled(push: PushService, name: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const target = push.status().targets.find((t) => t.name === name)!;
    if (target.pending === 0) return target;
    if (Date.now() > deadline) throw new Error(`still ${target.pending} pending: ${target.lastError}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithBinary('victoria-metrics', 'push to VictoriaMetrics (influx line protocol)', () => {
  let vm: VictoriaMetrics;
  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });
  afterAll(async () => vm?.stop());

  it('delivers every sample of a backlog, tagged by host and entity', async () => {
    const store = await storeWith(2500);
    const push = service(store, { name: 'vm', kind: 'influx', url: vm.url, batchSize: 1000 });
    const status = await drain(push, 'vm');
    expect(status).toMatchObject({ sentTotal: 2500, deadTotal: 0, droppedTotal: 0 });
    expect(await vm.countSamples('dashlight_cpu_total', { host: 'e2e-host' })).toBe(2500);
    expect(await vm.countSamples('dashlight_net_rx', { host: 'e2e-host', interface: 'wlan 0' })).toBe(2500);
    expect(await vm.countSamples('dashlight_fs_used_pct', { mount: '/mnt/a,b' })).toBe(2500);
  });

  it('through 500, 503, 429 + Retry-After, a hang, a reset and a slow answer: each sample once, no early retry', async () => {
    const store = await storeWith(3000);
    const proxy = await startFaultProxy(vm.url, [
      '500',
      '503',
      { status: 429, retryAfter: 2 },
      'hang',
      'reset',
      { slow: 1500 },
      'pass',
      '503',
    ]);
    try {
      const push = service(store, {
        name: 'faulty',
        kind: 'influx',
        url: proxy.url,
        batchSize: 500,
        timeout: '1s',
        interval: '1s',
        influx: { measurement: 'faulty' },
      });
      // Left to its own schedule: retries when the backoff (or the server's Retry-After) says.
      push.start();
      const status = await settled(push, 'faulty');
      expect(status).toMatchObject({ sentTotal: 3000, deadTotal: 0 });
      expect(await vm.countSamples('faulty_cpu_total')).toBe(3000);
      expect(proxy.retryAfterViolations().map((r) => ({ at: r.at, fault: r.fault }))).toEqual([]);
      expect(proxy.pendingFaults).toBe(0);
      // The faults cost retries: more requests than batches.
      expect(proxy.requests.length).toBeGreaterThan(6);
    } finally {
      await proxy.close();
    }
  });
});

describeWithBinary('influxd', 'push to InfluxDB 1.6 (line protocol v1)', () => {
  let influx: InfluxDB;
  beforeAll(async () => {
    influx = await startInfluxDB();
    await influx.createDatabase('dashlight');
  });
  afterAll(async () => influx?.stop());

  it('writes every sample, countable with InfluxQL', async () => {
    const store = await storeWith(1200);
    const push = service(store, {
      name: 'influx',
      kind: 'influx',
      url: influx.url,
      batchSize: 500,
      influx: { version: 1, db: 'dashlight' },
    });
    await drain(push, 'influx');
    expect(await influx.count('dashlight', 'dashlight', 'cpu_total')).toBe(1200);
    expect(await influx.count('dashlight', 'dashlight', 'net_rx')).toBe(2400); // two interfaces
  });
});

describe('push to HTTP receivers (recording server)', () => {
  it('http-json: a documented batch with Bearer auth and an Idempotency-Key', async () => {
    const server = await startRecordingServer();
    try {
      const store = await storeWith(30);
      const push = service(store, {
        name: 'api',
        kind: 'http-json',
        url: `${server.url}/api/v1/metrics/bulk`,
        auth: { type: 'bearer', token: 'tok-123' },
      });
      await drain(push, 'api');
      const [request] = server.requests;
      expect(request!.headers).toMatchObject({
        authorization: 'Bearer tok-123',
        'idempotency-key': `api.${T0}.${T0 + 29_000}`,
        'content-encoding': 'gzip',
      });
      const body = JSON.parse(request!.decodedBody!.toString()) as {
        batchId: string;
        host: string;
        count: number;
        samples: { ts: number }[];
      };
      expect(body).toMatchObject({ batchId: `api.${T0}.${T0 + 29_000}`, host: 'e2e-host', count: 30 });
      expect(body.samples.map((s) => s.ts)).toEqual(Array.from({ length: 30 }, (_, i) => T0 + i * 1000));
    } finally {
      await server.close();
    }
  });

  it('otlp: POST /v1/metrics with resource attributes and nanosecond strings', async () => {
    const server = await startRecordingServer();
    try {
      const store = await storeWith(5);
      const push = service(store, {
        name: 'otel',
        kind: 'otlp',
        url: server.url,
        auth: { type: 'api-key', key: 'k-9' },
      });
      await drain(push, 'otel');
      const [request] = server.requests;
      expect(request!.url).toBe('/v1/metrics');
      expect(request!.headers['x-api-key']).toBe('k-9');
      const body = JSON.parse(request!.decodedBody!.toString());
      const attributes = Object.fromEntries(
        body.resourceMetrics[0].resource.attributes.map((a: { key: string; value: { stringValue: string } }) => [
          a.key,
          a.value.stringValue,
        ]),
      );
      expect(attributes).toMatchObject({
        'host.name': 'e2e-host',
        'service.name': 'dashlight',
        'os.type': expect.any(String),
      });
      const cpu = body.resourceMetrics[0].scopeMetrics[0].metrics.find(
        (m: { name: string }) => m.name === 'dashlight.cpu.total',
      );
      expect(cpu.gauge.dataPoints[0]).toEqual({ timeUnixNano: `${T0}000000`, asDouble: 0 });
    } finally {
      await server.close();
    }
  });

  it('400 and 401: exactly one attempt each, a dead letter each, and later batches still flow', async () => {
    const server = await startRecordingServer();
    try {
      server.respond(400, {}, 'line 1: bad field').respond(401, {}, 'token expired');
      const store = await storeWith(300);
      const push = service(store, { name: 'strict', kind: 'http-json', url: server.url, batchSize: 100 });
      const status = await drain(push, 'strict');
      expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([
        `strict.${T0}.${T0 + 99_000}`,
        `strict.${T0 + 100_000}.${T0 + 199_000}`,
        `strict.${T0 + 200_000}.${T0 + 299_000}`,
      ]);
      expect(status).toMatchObject({ sentTotal: 100, deadTotal: 200, deadLetters: 2 });
      const letters = await push.deadLetters('strict', 10);
      expect(letters.map((d) => [d.status, d.bodyExcerpt])).toEqual([
        [401, 'token expired'],
        [400, 'line 1: bad field'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('413: the batch is split until the server takes it', async () => {
    const server = await startRecordingServer();
    try {
      server.handle((req) => ({ status: (req.decodedBody?.length ?? 0) > 6000 ? 413 : 204 }));
      const store = await storeWith(200);
      const push = service(store, { name: 'small', kind: 'http-json', url: server.url, batchSize: 200 });
      const status = await drain(push, 'small');
      expect(status).toMatchObject({ sentTotal: 200, deadTotal: 0 });
      const accepted = server.requests.filter((r) => (r.decodedBody?.length ?? 0) <= 6000);
      const samples = accepted.flatMap((r) =>
        (JSON.parse(r.decodedBody!.toString()) as { samples: { ts: number }[] }).samples.map((s) => s.ts),
      );
      expect(samples).toEqual(Array.from({ length: 200 }, (_, i) => T0 + i * 1000));
      expect(server.requests[0]!.decodedBody!.length).toBeGreaterThan(6000);
    } finally {
      await server.close();
    }
  });
});
