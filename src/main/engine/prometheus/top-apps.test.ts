// The top apps on /metrics: which apps, their exact lines (names escaped), how long a pass counts,
// process history turned off, and the processes module's passes reaching the endpoint.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveApp, LiveProcesses } from '../../../shared/processes.js';
import { FakeProcessTable, proc } from '../collect/processes/test-support/fake-process-table.js';
import type { EngineOptions } from '../engine-options.js';
import { LIVE_TOP } from '../processes/live-view.js';
import { processesModule } from '../processes/processes-module.js';
import { findBinary } from '../push/test-support/system-binary.js';
import { moduleServices } from '../test-support/module-services.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { TestClock } from '../test-support/test-clock.js';
import { PrometheusModule } from './prometheus-module.js';
import { selectTopApps, TOP_APPS } from './top-apps.js';

const T0 = Date.UTC(2026, 0, 1, 12);
const MiB = 1024 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function app(name: string, figures: Partial<LiveApp> = {}): LiveApp {
  return {
    app: name,
    kind: 'exe',
    cpuPercent: 0,
    cpuShare: 0,
    rssBytes: 0,
    ioBytesPerSecond: 0,
    processes: 1,
    topPid: 100,
    command: `/usr/bin/${name}`,
    ...figures,
  };
}

const live = (ts: number, apps: LiveApp[]): LiveProcesses => ({
  ts,
  intervalMs: 5000,
  cores: 4,
  processCount: apps.length,
  apps,
});

const PASS = live(T0, [
  app('firefox', { cpuPercent: 38.5, rssBytes: 2048 * MiB, ioBytesPerSecond: 1_048_576, processes: 14 }),
  app('postgresql.service', {
    kind: 'unit',
    cpuPercent: 12.25,
    rssBytes: 512 * MiB,
    ioBytesPerSecond: null,
    processes: 3,
  }),
  app('odd "app"\\bin\nx', { rssBytes: 1 * MiB }),
]);

async function endpoint(clock = new TestClock(T0)) {
  const ctx = moduleServices({ prometheus: { enabled: true, port: 0 }, processes: { interval: '5s' } }, { clock });
  const module = new PrometheusModule(ctx.services);
  ctx.settings.applyTo(module);
  await module.start();
  cleanups.push(() => module.stop());
  const url = (await module.handlers.prometheusStatus()).url!;
  const scrape = async () => (await (await fetch(url)).text()).split('\n');
  /** The top apps' lines of a scrape, headers included. */
  const appLines = async () => (await scrape()).filter((line) => /^(# (HELP|TYPE) )?dashlight_app_/.test(line));
  const pass = (passed: LiveProcesses) => ctx.services.events.emit('processes', passed);
  return { ...ctx, scrape, appLines, pass };
}

const names = (lines: string[], family: string) =>
  lines.filter((l) => l.startsWith(`${family}{`)).map((l) => /app="([^"]*)"/.exec(l)![1]);

describe('the top apps on /metrics', () => {
  it('writes each app of the newest pass once per family, busiest first, its name escaped', async () => {
    const { appLines, pass } = await endpoint();
    pass(PASS);
    expect(await appLines()).toEqual([
      "# HELP dashlight_app_cpu_percent An app's CPU use over the newest process pass, in percent of one core (two busy cores show 200); top apps only.",
      '# TYPE dashlight_app_cpu_percent gauge',
      'dashlight_app_cpu_percent{app="firefox",kind="exe",host="test-host"} 38.5',
      'dashlight_app_cpu_percent{app="postgresql.service",kind="unit",host="test-host"} 12.25',
      'dashlight_app_cpu_percent{app="odd \\"app\\"\\\\bin\\nx",kind="exe",host="test-host"} 0',
      "# HELP dashlight_app_memory_bytes Resident memory of an app's processes at the newest process pass, in bytes; top apps only.",
      '# TYPE dashlight_app_memory_bytes gauge',
      'dashlight_app_memory_bytes{app="firefox",kind="exe",host="test-host"} 2147483648',
      'dashlight_app_memory_bytes{app="postgresql.service",kind="unit",host="test-host"} 536870912',
      'dashlight_app_memory_bytes{app="odd \\"app\\"\\\\bin\\nx",kind="exe",host="test-host"} 1048576',
      "# HELP dashlight_app_io_bytes_per_second Storage bytes read and written by an app's processes over the newest process pass, per second; top apps only, where readable.",
      '# TYPE dashlight_app_io_bytes_per_second gauge',
      'dashlight_app_io_bytes_per_second{app="firefox",kind="exe",host="test-host"} 1048576',
      'dashlight_app_io_bytes_per_second{app="odd \\"app\\"\\\\bin\\nx",kind="exe",host="test-host"} 0',
      '# HELP dashlight_app_processes Processes in an app at the newest process pass; top apps only.',
      '# TYPE dashlight_app_processes gauge',
      'dashlight_app_processes{app="firefox",kind="exe",host="test-host"} 14',
      'dashlight_app_processes{app="postgresql.service",kind="unit",host="test-host"} 3',
      'dashlight_app_processes{app="odd \\"app\\"\\\\bin\\nx",kind="exe",host="test-host"} 1',
    ]);
  });

  it('reports the ten busiest by CPU and the ten largest by memory, and no other app', async () => {
    const { appLines, pass } = await endpoint();
    const n = (i: number) => String(i).padStart(2, '0');
    const busy = Array.from({ length: 12 }, (_, i) =>
      app(`cpu-${n(i + 1)}`, { cpuPercent: 12 - i, rssBytes: i * MiB }),
    );
    const large = Array.from({ length: 12 }, (_, i) => app(`mem-${n(i + 1)}`, { rssBytes: (1000 - i) * MiB }));
    pass(live(T0, [...large, app('idle-small'), ...busy]));
    expect(names(await appLines(), 'dashlight_app_cpu_percent')).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((i) => `cpu-${i}`),
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((i) => `mem-${i}`),
    ]);
  });

  it('lists an app both busy and large once; an idle app is never among the busiest', () => {
    const apps = [
      app('a', { cpuPercent: 50, rssBytes: 10 }),
      app('b', { cpuPercent: 40, rssBytes: 500 }),
      app('c', { cpuPercent: 30, rssBytes: 400 }),
      app('d', { rssBytes: 300 }),
    ];
    expect(selectTopApps(apps, 2).map((a) => a.app)).toEqual(['a', 'b', 'c']);
    expect(selectTopApps([app('idle', { rssBytes: 1 })], 2).map((a) => a.app)).toEqual(['idle']);
  });

  it('chooses from an event that lists at least as many apps by each ranking', () => {
    expect(TOP_APPS).toBeLessThanOrEqual(LIVE_TOP);
  });

  it('has no app families before the first pass', async () => {
    const { scrape } = await endpoint();
    const text = (await scrape()).join('\n');
    expect(text).toContain('dashlight_build_info{');
    expect(text).not.toContain('dashlight_app_');
  });

  it('leaves a pass out once it is three process intervals old, however long those are', async () => {
    const clock = new TestClock(T0);
    const { appLines, pass, settings } = await endpoint(clock);
    pass(PASS);
    clock.advance(15_000);
    expect(names(await appLines(), 'dashlight_app_memory_bytes')).toHaveLength(3);
    clock.advance(1);
    expect(await appLines()).toEqual([]);
    await settings.update({ processes: { interval: '1m' } });
    expect(names(await appLines(), 'dashlight_app_memory_bytes')).toHaveLength(3);
    clock.advance(180_000 - 15_001);
    expect(names(await appLines(), 'dashlight_app_memory_bytes')).toHaveLength(3);
    clock.advance(1);
    expect(await appLines()).toEqual([]);
  });

  it('reports none while process history is off, not even a pass that arrives late', async () => {
    const { appLines, pass, settings, clock } = await endpoint();
    pass(PASS);
    await settings.update({ processes: { enabled: false } });
    expect(await appLines()).toEqual([]);
    pass(PASS);
    expect(await appLines()).toEqual([]);
    await settings.update({ processes: { enabled: true } });
    expect(await appLines()).toEqual([]);
    clock.advance(5000);
    pass(live(clock.wall(), [app('back', { cpuPercent: 1 })]));
    expect(names(await appLines(), 'dashlight_app_cpu_percent')).toEqual(['back']);
  });

  it.runIf(findBinary('promtool') !== null)('passes promtool check metrics with the top apps', async () => {
    const { scrape, pass, samples } = await endpoint();
    samples.publish({ ts: T0, values: { 'cpu.total': 12.5 } });
    pass(PASS);
    const text = (await scrape()).join('\n');
    expect(text).toContain('dashlight_app_cpu_percent{');
    const check = spawnSync(findBinary('promtool')!, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('the processes module feeding /metrics', () => {
  it("reports each app's figures from the second pass on (the first only primes)", async () => {
    const ctx = await endpoint();
    const table = new FakeProcessTable(ctx.clock, 4);
    const store = await openEngineStore(join(await mkdtemp(join(tmpdir(), 'dashlight-top-apps-')), 'a.db'));
    cleanups.push(() => store.close());
    const options = { processTable: table } as Partial<EngineOptions> as EngineOptions;
    const processes = processesModule.create({ ...ctx.services, store, options });
    cleanups.push(() => processes.stop());
    table.processes = [
      proc(10, 'firefox', { cpuCs: 250, rssBytes: 900 * MiB, ioBytes: 1_048_576 }),
      proc(11, 'firefox', { cpuCs: 50, rssBytes: 300 * MiB, ioBytes: 0 }),
      proc(
        20,
        'postgres',
        { cpuCs: 100, rssBytes: 2000 * MiB, ioBytes: null },
        { kind: 'unit', name: 'postgresql.service' },
      ),
    ];
    ctx.clock.advance(5000);
    await processes.passNow();
    expect(await ctx.appLines()).toEqual([]);
    ctx.clock.advance(5000);
    await processes.passNow();
    const lines = (await ctx.appLines()).filter((line) => !line.startsWith('#'));
    expect(lines).toEqual([
      'dashlight_app_cpu_percent{app="firefox",kind="exe",host="test-host"} 60',
      'dashlight_app_cpu_percent{app="postgresql.service",kind="unit",host="test-host"} 20',
      'dashlight_app_memory_bytes{app="firefox",kind="exe",host="test-host"} 1258291200',
      'dashlight_app_memory_bytes{app="postgresql.service",kind="unit",host="test-host"} 2097152000',
      'dashlight_app_io_bytes_per_second{app="firefox",kind="exe",host="test-host"} 209715.2',
      'dashlight_app_processes{app="firefox",kind="exe",host="test-host"} 2',
      'dashlight_app_processes{app="postgresql.service",kind="unit",host="test-host"} 1',
    ]);
  });
});
