// The Grafana fleet dashboard (integrations/grafana/dashlight-fleet.json) against a real
// VictoriaMetrics holding two Dashlight hosts fed the two ways the dashboard promises: one scraped
// (VictoriaMetrics' -promscrape.config, /metrics with a bearer token), one pushed (the push
// module's InfluxDB line protocol). Top apps travel by scrape only, so the pushed host's engine is
// also scraped, keeping only its `dashlight_app_*` families (as the README's Fleet section shows).
// Both engines read a process table the test writes. Every panel's query, with its variables
// substituted, must return series for both hosts; so must the host variable's own query.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pushSettingsSchema } from '../../../shared/push-settings.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../shared/settings.js';
import { FakeProcessTable, proc } from '../collect/processes/test-support/fake-process-table.js';
import type { Collector } from '../collect/types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { PushService } from '../push/push-service.js';
import { makeTempDir, removeNow } from '../push/test-support/managed-process.js';
import { describeWithBinary } from '../push/test-support/system-dependency.js';
import { startVictoriaMetrics, type VictoriaMetrics } from '../push/test-support/victoria-metrics.js';
import { systemClock } from '../schedule/clock.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';

const DASHBOARD = new URL('../../../../integrations/grafana/dashlight-fleet.json', import.meta.url);
const SCRAPED = 'fleet-scraped';
const PUSHED = 'fleet-pushed';
const TOKEN = 'grafana-e2e-token-0123456789';

/** One reading of every series the dashboard draws. */
const READING = {
  'cpu.total': 37.5,
  'cpu.core[0]': 40,
  'cpu.core[1]': 35,
  'load.1': 0.75,
  'mem.used': 2_147_483_648,
  'mem.percent': 25,
  'swap.percent': 3,
  'disk.read': 4096,
  'disk.write': 8192,
  'disk.read[sda]': 4096,
  'disk.write[sda]': 8192,
  'net.rx': 1500,
  'net.tx': 500,
  'net.rx[eth0]': 1500,
  'net.tx[eth0]': 500,
  'fs.used_pct[/]': 61.5,
  'fs.used_pct[/home]': 80,
  'temp.cpu': 48.5,
  'battery.percent': 90,
};

const MiB = 1024 * 1024;
/** Each host's processes, the same at every pass: CPU in hundredths of a second per pass. */
const PROCESSES = {
  [SCRAPED]: [
    proc(10, 'firefox', { cpuCs: 40, rssBytes: 900 * MiB, ioBytes: 65_536 }),
    proc(11, 'firefox', { cpuCs: 10, rssBytes: 300 * MiB, ioBytes: 0 }),
    proc(
      20,
      'postgres',
      { cpuCs: 5, rssBytes: 400 * MiB, ioBytes: 4096 },
      { kind: 'unit', name: 'postgresql.service' },
    ),
  ],
  [PUSHED]: [
    proc(30, 'cc1plus', { cpuCs: 90, rssBytes: 200 * MiB, ioBytes: 1_048_576 }),
    proc(40, 'code', { cpuCs: 2, rssBytes: 1500 * MiB, ioBytes: 0 }),
    proc(50, 'odd "name"\\x', { rssBytes: 1 * MiB, ioBytes: 0 }),
  ],
};

interface Target {
  readonly refId: string;
  readonly expr: string;
}
interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: readonly Target[];
}
interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { name: string; definition?: string }[] };
}

/** Grafana's substitution for a multi-value host variable, and its built-in intervals. */
function substitute(expr: string): string {
  return expr
    .replaceAll('$host', `${SCRAPED}|${PUSHED}`)
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '1m');
}

describeWithBinary('victoria-metrics', 'the Grafana fleet dashboard on a real VictoriaMetrics', () => {
  let vm: VictoriaMetrics;
  let engine: Engine;
  let appsEngine: Engine;
  let store: MetricStore;
  let push: PushService;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('dashlight-grafana-e2e-');
    const collector: Collector = { name: 'fleet', cadence: 'hot', collect: async () => READING, reset: () => {} };
    const open = async (host: keyof typeof PROCESSES, collectors: Collector[]) => {
      const processTable = new FakeProcessTable(systemClock, 4);
      processTable.processes = PROCESSES[host];
      const opened = await Engine.open({
        paths: resolveDataPaths({ db: join(dir, `${host}.db`) }),
        settings: mergeSettings(DEFAULT_SETTINGS, {
          sampling: { interval: '1s' },
          processes: { interval: '1s' },
          prometheus: { enabled: true, port: 0, auth: { type: 'bearer', token: TOKEN } },
        }),
        log: silentLogger(),
        collectors: { hot: collectors, slow: [] },
        processTable,
        host,
      });
      await opened.start();
      return opened;
    };
    engine = await open(SCRAPED, [collector]);
    // The pushed host's engine: its samples go by push below; only its top apps are scraped.
    appsEngine = await open(PUSHED, []);
    const targetOf = async (e: Engine) => JSON.stringify(new URL((await e.prometheusStatus()).url!).host);
    const config = join(dir, 'promscrape.yml');
    const job = (name: string) => [
      `  - job_name: ${name}`,
      '    scrape_interval: 1s',
      '    authorization:',
      `      credentials: ${JSON.stringify(TOKEN)}`,
    ];
    await writeFile(
      config,
      [
        'scrape_configs:',
        ...job('dashlight'),
        '    static_configs:',
        `      - targets: [${await targetOf(engine)}]`,
        ...job('dashlight-apps'),
        '    static_configs:',
        `      - targets: [${await targetOf(appsEngine)}]`,
        '    metric_relabel_configs:',
        '      - source_labels: [__name__]',
        "        regex: 'dashlight_app_.+'",
        '        action: keep',
        '',
      ].join('\n'),
    );
    // A pushed sample stays current for queries as long as a scraped one would.
    vm = await startVictoriaMetrics({
      extraArgs: [`-promscrape.config=${config}`, '-search.maxStalenessInterval=10m'],
    });

    // The pushed host: two minutes of samples, stamped by VictoriaMetrics' own clock (its Date
    // header), which libfaketime cannot move, pushed as the push module sends them.
    const now = await vm.serverTime();
    store = await openEngineStore(join(dir, 'pushed.db'));
    for (let i = 120; i >= 1; i--) store.append({ ts: now - i * 1000, values: READING });
    store.flush();
    push = new PushService({
      store,
      settings: pushSettingsSchema.parse({ targets: [{ name: 'vm', kind: 'influx', url: vm.url }] }),
      log: silentLogger(),
      clock: systemClock,
      host: PUSHED,
    });
    const status = await push.pushNow('vm');
    expect(status.targets[0]).toMatchObject({ pending: 0, sentTotal: 120, lastError: null });
  });

  afterAll(async () => {
    await push?.stop();
    store?.close();
    await engine?.stop();
    await appsEngine?.stop();
    await vm?.stop();
    if (dir) removeNow(dir);
  });

  async function query(promql: string): Promise<{ metric: Record<string, string> }[]> {
    const response = await fetch(`${vm.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as {
      status: string;
      data?: { result: { metric: Record<string, string> }[] };
      error?: string;
    };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
    return body.data!.result;
  }

  const hostsIn = (series: { metric: Record<string, string> }[]) =>
    [...new Set(series.map((s) => s.metric.host))].sort();

  /** Waits until `promql` has series of both hosts (the pushed one, and the scraped one's first scrapes). */
  const untilBothHosts = (promql: string) =>
    expect
      .poll(
        async () => {
          await vm.flush();
          return hostsIn(await query(promql));
        },
        { timeout: 60_000 },
      )
      .toEqual([PUSHED, SCRAPED]);

  it('every panel query returns series for both hosts, scraped and pushed', async () => {
    await untilBothHosts('max by (host) (dashlight_cpu_busy_percent or dashlight_cpu_total)');
    // The top apps come from the second pass over each process table on.
    await untilBothHosts('max by (host) (dashlight_app_memory_bytes)');
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const targets = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        name: `${panel.title} ${target.refId}`,
        expr: substitute(target.expr),
      })),
    );
    expect(targets.length).toBeGreaterThanOrEqual(23);
    for (const { name, expr } of targets) {
      expect(hostsIn(await query(expr)), `${name}: ${expr}`).toEqual([PUSHED, SCRAPED]);
    }
    // Per-entity panels keep their entity apart on both hosts.
    const mounts = await query(substitute(targets.find((t) => t.name.startsWith('Disk space used'))!.expr));
    expect(mounts.map((s) => `${s.metric.host} ${s.metric.mountpoint}`).sort()).toEqual([
      `${PUSHED} /`,
      `${PUSHED} /home`,
      `${SCRAPED} /`,
      `${SCRAPED} /home`,
    ]);
    // So do the top apps, their names intact through the exposition's escaping; and the pushed
    // host's engine gave the scraper nothing but them.
    const apps = await query(substitute(targets.find((t) => t.name === 'Top apps by memory A')!.expr));
    expect(apps.map((s) => `${s.metric.host} ${s.metric.kind} ${s.metric.app}`).sort()).toEqual([
      `${PUSHED} exe cc1plus`,
      `${PUSHED} exe code`,
      `${PUSHED} exe odd "name"\\x`,
      `${SCRAPED} exe firefox`,
      `${SCRAPED} unit postgresql.service`,
    ]);
    expect(hostsIn(await query('dashlight_build_info'))).toEqual([SCRAPED]);
  });

  it("the host variable's query lists both hosts", async () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
    const definition = dashboard.templating.list.find((v) => v.name === 'host')!.definition!;
    const match = /^label_values\((.+), host\)$/.exec(definition)![1]!;
    const response = await fetch(`${vm.url}/api/v1/label/host/values?match[]=${encodeURIComponent(match)}`);
    const body = (await response.json()) as { data: string[] };
    expect(body.data.sort()).toEqual([PUSHED, SCRAPED]);
  });
});
