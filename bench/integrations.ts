/**
 * Integrations section: what the pull and home sides cost.
 *
 * - `/metrics`: `dashlight run --metrics` (the default collectors of this machine) and Debian's
 *   prometheus-node-exporter (its default collectors) run side by side on loopback; each is
 *   scraped the same number of times, one request after another with Prometheus' own Accept
 *   header, and the CPU its process tree used for them (less what it uses idle over as long) is
 *   divided by the scrapes. Budget (docs/ARCHITECTURE.md): ≤ 1 ms CPU per scrape, and no more
 *   than node_exporter. The answer's size is reported beside it.
 * - The writer alone: Dashlight's hand-written exposition against prom-client's registry with
 *   custom collectors, on the same values, in this process (why the format is written by hand).
 * - MQTT: the MQTT module in this process, connected to a local mosquitto, publishing one state
 *   message per sample of this machine's default set (each sample in a new cadence slot): the CPU
 *   this process used per published tick, as a ratio to a node_exporter scrape.
 *
 * Linux only: it reads /proc.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCollectors } from '../src/main/engine/collect/create-collectors.js';
import { MqttModule } from '../src/main/engine/mqtt/mqtt-module.js';
import { startMosquitto } from '../src/main/engine/mqtt/test-support/mosquitto.js';
import { freePorts } from '../src/main/engine/push/test-support/free-port.js';
import { findBinary } from '../src/main/engine/push/test-support/system-binary.js';
import { moduleServices } from '../src/main/engine/test-support/module-services.js';
import { openEngineStore } from '../src/main/engine/test-support/open-engine-store.js';
import { Exposition, type ScrapeState } from '../src/main/engine/prometheus/exposition.js';
import { TOP_APPS } from '../src/main/engine/prometheus/top-apps.js';
import type { LiveApp } from '../src/shared/processes.js';
import { CpuWindow, rssBytes } from './process-usage.js';
import { promClientExposition } from './prom-client-exposition.js';
import { startGroup, type Group } from './process-group.js';
import type { BenchResult } from './report.js';
import type { BenchContext, BenchSection } from './section.js';

const SCRAPE_BUDGET_MS = 1;
/** What Prometheus 2.42 sends: OpenMetrics first. */
const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

interface ScrapeCost {
  readonly cpuMsPerScrape: number;
  readonly bytes: number;
  readonly scrapes: number;
}

/** CPU per scrape of the process tree `pid`, with its idle CPU over as long taken out. */
async function scrapeCost(pid: number, url: string, scrapes: number): Promise<ScrapeCost> {
  const get = async () => {
    const reply = await fetch(url, { headers: { accept: PROMETHEUS_ACCEPT } });
    if (!reply.ok) throw new Error(`${url}: HTTP ${reply.status}`);
    return (await reply.arrayBuffer()).byteLength;
  };
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = await get();
  const busy = CpuWindow.start(pid);
  for (let i = 0; i < scrapes; i++) await get();
  const during = busy.stop();
  const idle = CpuWindow.start(pid);
  await sleep(during.wallSeconds * 1000);
  const quiet = idle.stop();
  const idleCpu = (quiet.cpuSeconds / quiet.wallSeconds) * during.wallSeconds;
  return { cpuMsPerScrape: (Math.max(0, during.cpuSeconds - idleCpu) / scrapes) * 1000, bytes, scrapes };
}

async function until(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
}

async function untilAnswerHas(url: string, text: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await (await fetch(url)).text()).includes(text)) {
    if (performance.now() > deadline) throw new Error(`${url} did not show ${text} within ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** This machine's default set, read twice a second apart so rates are there. */
async function readMachine(): Promise<Record<string, number>> {
  const { hot, slow } = createCollectors();
  const all = [...hot, ...slow];
  await Promise.all(all.map((c) => c.collect(performance.now())));
  await sleep(1000);
  const values = Object.assign({}, ...(await Promise.all(all.map((c) => c.collect(performance.now())))));
  await Promise.all(all.map((c) => c.close?.()));
  return values;
}

/** CPU ms per call of `work`, over `times` calls after a warm-up. */
async function cpuPerCall(times: number, work: () => unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await work();
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / times;
}

/** As many apps as a scrape reports at most (the top by CPU and the top by memory, none in both). */
function benchApps(count: number): LiveApp[] {
  return Array.from({ length: count }, (_, i) => ({
    app: i % 4 === 0 ? `app-${i}.service` : `app-${i}`,
    kind: i % 4 === 0 ? 'unit' : 'exe',
    cpuPercent: 100 / (i + 1),
    cpuShare: 0.25 / (i + 1),
    rssBytes: 2 ** 30 / (i + 1),
    ioBytesPerSecond: i % 3 === 0 ? null : 4096 * i,
    processes: 1 + (i % 7),
    topPid: 1000 + i,
    command: `/usr/bin/app-${i} --flag`,
  }));
}

/**
 * The writer against prom-client's registry (bench/prom-client-exposition.ts) on the same values:
 * the figure that justifies writing the format by hand.
 */
async function writerCost(values: Record<string, number>): Promise<BenchResult> {
  const state: ScrapeState = {
    values: Object.entries(values).map(([key, value]) => ({ key, value, ts: 0 })),
    samples: 1000,
    gaps: 1,
    lastSampleTs: 1_767_225_600_000,
    cpuSeconds: 12.5,
    rssBytes: 80_000_000,
    startTimeSeconds: 1_767_225_000,
    apps: benchApps(2 * TOP_APPS),
  };
  const ours = new Exposition({ host: 'bench', version: '0.0.0', read: () => state });
  const peer = promClientExposition('bench', () => state);
  const oursMs = await cpuPerCall(5000, () => ours.render(false));
  const peerMs = await cpuPerCall(5000, () => peer.render());
  return {
    name: '/metrics writer alone, CPU per render',
    value: oursMs,
    unit: 'ms',
    peers: [{ name: 'prom-client registry', value: peerMs, ratio: oursMs / peerMs }],
    note: `${state.values.length} series of this machine and ${state.apps.length} top apps, 5,000 renders each, in this process; prom-client's registry with custom collectors is the peer`,
  };
}

/** One published tick: one state message with every chosen series of this machine. */
async function mqttCost(ctx: BenchContext, values: Record<string, number>): Promise<BenchResult> {
  const name = 'MQTT publish, CPU per tick (default series, QoS 1)';
  if (!findBinary('mosquitto')) {
    const message = 'mosquitto is not installed (Debian package mosquitto)';
    if (ctx.ci) ctx.fail(message);
    return { name, value: null, unit: 'ms', note: message };
  }
  const broker = await startMosquitto();
  const store = await openEngineStore(join(ctx.tmpDir, 'mqtt.db'));
  const services = moduleServices({ mqtt: { enabled: true, url: broker.url, interval: '1s' } }, { store });
  const module = new MqttModule(services.services);
  try {
    await module.start();
    while ((await module.handlers.mqttStatus()).state !== 'connected') await sleep(50);
    const ticks = Math.max(2000, ctx.seconds * 100);
    const start = services.clock.wall();
    const publish = (i: number) => {
      services.clock.advance(1000);
      services.samples.publish({ ts: start + (i + 1) * 1000, values });
    };
    for (let i = 0; i < 50; i++) publish(i);
    const before = process.cpuUsage();
    for (let i = 50; i < 50 + ticks; i++) publish(i);
    // The broker's acknowledgements are handled here too: wait for them inside the window.
    await sleep(500);
    const used = process.cpuUsage(before);
    const status = await module.handlers.mqttStatus();
    return {
      name,
      value: (used.user + used.system) / 1000 / ticks,
      unit: 'ms',
      note: `${ticks.toLocaleString('en-US')} state messages of ${Object.keys(values).length} series sampled here, ${status.entities} entities announced; the cost of building the message and handing it to MQTT.js`,
    };
  } finally {
    await module.stop();
    store.close();
    await broker.stop();
  }
}

async function measure(ctx: BenchContext): Promise<BenchResult[]> {
  const name = '/metrics scrape, CPU per request (default set)';
  if (process.platform !== 'linux') {
    return [
      {
        name,
        value: null,
        unit: 'ms',
        budget: { op: '<=', value: SCRAPE_BUDGET_MS },
        note: 'Linux only (reads /proc)',
      },
    ];
  }
  const dir = join(ctx.tmpDir, 'integrations');
  mkdirSync(dir, { recursive: true });
  const [port, peerPort] = await freePorts(2);
  const scrapes = Math.max(1000, ctx.seconds * 50);
  const engine: Group = startGroup(
    'engine',
    join(ctx.root, 'bin', 'dashlight.js'),
    ['run', '--db', join(dir, 'dashlight.db'), '--interval', '1s', '--metrics', '--metrics-port', String(port)],
    { cwd: dir, env: { ...process.env, DASHLIGHT_DATA_DIR: dir } },
  );
  const exporterBinary = findBinary('prometheus-node-exporter');
  const exporter = exporterBinary
    ? startGroup('node_exporter', exporterBinary, [`--web.listen-address=127.0.0.1:${peerPort}`], { cwd: dir })
    : null;
  try {
    await engine.waitFor(/metrics: http/, 30_000);
    // The slow set (file systems, temperatures) comes with the first sample, the top apps with the
    // second pass over the process table (5 s apart): the default answer has both.
    await sleep(3000);
    await untilAnswerHas(`http://127.0.0.1:${port}/metrics`, 'dashlight_app_cpu_percent', 30_000);
    // Memory as a scraper leaves it (one scrape a second for the window), before the cost run's
    // thousands of scrapes back to back grow the heap as no scraper would.
    for (let i = 0; i < ctx.seconds; i++) {
      await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.arrayBuffer());
      await sleep(1000);
    }
    const rss = rssBytes(engine.pid);
    const ours = await scrapeCost(engine.pid, `http://127.0.0.1:${port}/metrics`, scrapes);
    let peer: ScrapeCost | null = null;
    if (exporter) {
      await until(`http://127.0.0.1:${peerPort}/metrics`, 30_000);
      peer = await scrapeCost(exporter.pid, `http://127.0.0.1:${peerPort}/metrics`, scrapes);
    } else if (ctx.ci) ctx.fail('prometheus-node-exporter is not installed (Debian package prometheus-node-exporter)');
    const peers = (value: number, theirs: number | undefined) =>
      theirs === undefined ? undefined : [{ name: 'node_exporter', value: theirs, ratio: value / theirs }];
    const values = await readMachine();
    const writer = await writerCost(values);
    const mqtt = await mqttCost(ctx, values);
    return [
      {
        name,
        value: ours.cpuMsPerScrape,
        unit: 'ms',
        budget: { op: '<=', value: peer ? Math.min(SCRAPE_BUDGET_MS, peer.cpuMsPerScrape) : SCRAPE_BUDGET_MS },
        peers: peers(ours.cpuMsPerScrape, peer?.cpuMsPerScrape),
        note: `${scrapes.toLocaleString('en-US')} scrapes one after another with Prometheus' Accept (OpenMetrics); budget ≤ 1 ms and ≤ node_exporter's own${peer ? '' : '; node_exporter not run'}`,
      },
      writer,
      {
        name: '/metrics answer size (default set)',
        value: ours.bytes,
        unit: 'B',
        peers: peers(ours.bytes, peer?.bytes),
        note: 'node_exporter with its default collectors exposes far more families',
      },
      {
        name: 'engine RSS with /metrics on, scraped once a second',
        value: rss === null ? null : rss / 1_000_000,
        unit: 'MB',
        note: `after ${ctx.seconds} s; the endpoint (node:http and its listener, about 5 MB in Node itself) loads only when it is on`,
      },
      {
        ...mqtt,
        peers: mqtt.value === null ? undefined : peers(mqtt.value, peer?.cpuMsPerScrape),
      },
    ];
  } finally {
    await engine.stop();
    await exporter?.stop();
  }
}

export const integrationsSection: BenchSection = {
  name: 'integrations',
  title: '/metrics scrape and MQTT publish cost, side by side with node_exporter',
  run: measure,
};
