/**
 * Overhead section: the headless engine, collectd and Glances run side by side at 1 Hz, each
 * storing what it samples, and their CPU (process tree, children included) and RSS are measured
 * over the same window. Budgets (docs/ARCHITECTURE.md): engine CPU ≤ 0.4 % of one core and ≤ 2× collectd;
 * engine RSS ≤ 80 MB.
 *
 * BENCH_SECONDS sets the window (default 60), BENCH_WARMUP_SECONDS the warm-up after the engine
 * reports it is sampling (default 5). Linux only: it reads /proc.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { clockTicksPerSecond, CpuWindow, RssTracker, treeCpuTicks, type CpuUsage } from './process-usage.js';
import { collectdPeer, fileBytes, glancesPeer, type PeerSpec } from './peers.js';
import { describeEnd, startGroup, tail, type Group } from './process-group.js';
import type { BenchResult, PeerFigure } from './report.js';
import type { BenchContext, BenchSection } from './section.js';

const MB = 1_000_000;
const CPU_BUDGET = 0.4;
const CPU_VS_COLLECTD = 2;
const RSS_BUDGET_MB = 80;

/** One process being measured. */
export interface Measured {
  readonly name: string;
  readonly group: Group;
  readonly rss: RssTracker;
  readonly spec?: PeerSpec;
  window?: CpuWindow;
  cpu?: CpuUsage;
  bytesAtStart?: number;
  bytesAtEnd?: number;
  /** Why its figure cannot be used, if it cannot. */
  problem?: string;
}

export const overheadSection: BenchSection = {
  name: 'overhead',
  title: 'CPU and memory at 1 Hz, side by side with collectd and Glances',
  run: measureOverhead,
};

/** Sleeps `ms`, taking an RSS reading of every process each second. */
export async function sleepSampling(ms: number, measured: readonly Measured[]): Promise<void> {
  const end = performance.now() + ms;
  for (let left = ms; left > 0; left = end - performance.now()) {
    await sleep(Math.min(1000, left));
    for (const m of measured) m.rss.sample();
  }
}

/**
 * Starts `dashlight run` on a fresh database in `dir`, with every other file in `dir` as well.
 * The bin is executed directly, as a user's shell or npx does, so its shebang's V8 flags apply;
 * `node` resolves through PATH, which `npm run bench` points at the project's Node 24.
 */
export function startEngine(ctx: BenchContext, dir: string, name = 'engine', env: NodeJS.ProcessEnv = {}): Group {
  const cli = join(ctx.root, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm run bench does)`);
  const args = ['run', '--db', join(dir, 'dashlight.db'), '--interval', '1s'];
  return startGroup(name, join(ctx.root, 'bin', 'dashlight.js'), args, {
    cwd: dir,
    env: { ...process.env, DASHLIGHT_DATA_DIR: dir, ...env },
  });
}

export function startPeer(spec: PeerSpec): Measured {
  const group = startGroup(spec.name, spec.command, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env } });
  return { name: spec.name, group, rss: new RssTracker(group.pid), spec };
}

/** The reason a process cannot be measured now, or undefined if it is running. */
export function deadReason(m: Measured): string | undefined {
  const end = m.group.endedWith();
  if (!end) return undefined;
  return `${m.name} exited early (${describeEnd(end)}); its last output:\n${tail(m.group.output())}`;
}

async function measureOverhead(ctx: BenchContext): Promise<BenchResult[]> {
  if (process.platform !== 'linux') {
    return [
      {
        name: 'engine CPU at 1 Hz',
        value: null,
        unit: '% core',
        budget: { op: '<=', value: CPU_BUDGET },
        note: 'this section reads /proc and runs on Linux only',
      },
    ];
  }
  const dir = join(ctx.tmpDir, 'overhead');
  mkdirSync(dir, { recursive: true });
  const warmupMs = Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000;
  clockTicksPerSecond();

  const missing: { name: string; reason: string }[] = [];
  const specs: PeerSpec[] = [];
  for (const peer of [collectdPeer(join(dir, 'collectd')), glancesPeer(join(dir, 'glances'))]) {
    if ('missing' in peer) missing.push({ name: peer.name, reason: peer.missing });
    else specs.push(peer);
  }

  const engineGroup = startEngine(ctx, dir);
  const engine: Measured = { name: 'engine', group: engineGroup, rss: new RssTracker(engineGroup.pid) };
  const all: Measured[] = [engine];
  let readyMs: number | undefined;
  let readyCpuMs: number | undefined;
  let engineEnd;
  try {
    all.push(...specs.map(startPeer));
    ctx.log(
      `started engine (pid ${engine.group.pid})${all
        .slice(1)
        .map((m) => `, ${m.name} (pid ${m.group.pid})`)
        .join('')}`,
    );
    await engine.group.waitFor(/sampling every/, 30_000);
    readyMs = performance.now() - engine.group.spawnedAt;
    readyCpuMs = ((treeCpuTicks(engine.group.pid) ?? NaN) / clockTicksPerSecond()) * 1000;
    ctx.log(`engine sampling after ${Math.round(readyMs)} ms; warming up ${warmupMs / 1000} s`);
    await sleepSampling(warmupMs, all);

    for (const m of all) {
      m.problem = deadReason(m);
      if (m.problem) continue;
      m.bytesAtStart = m.spec?.outputBytes();
      m.window = CpuWindow.start(m.group.pid);
    }
    if (engine.problem) throw new Error(engine.problem);
    ctx.log(`measuring for ${ctx.seconds} s…`);
    await sleepSampling(ctx.seconds * 1000, all);
    for (const m of all) {
      if (!m.window) continue;
      m.problem = deadReason(m);
      if (m.problem) continue;
      m.cpu = m.window.stop();
      m.bytesAtEnd = m.spec?.outputBytes();
      if (m.bytesAtEnd !== undefined && m.bytesAtStart !== undefined && m.bytesAtEnd <= m.bytesAtStart) {
        m.problem = `${m.name} ran but stored nothing during the window (its CSV did not grow); its last output:\n${tail(m.group.output())}`;
      }
    }
    if (engine.problem) throw new Error(engine.problem);
  } finally {
    // Engine first and gracefully (it commits on SIGTERM), peers alongside.
    const ends = await Promise.all(all.map((m) => m.group.stop(10_000)));
    engineEnd = ends[0];
  }

  const dbBytes = fileBytes(join(dir, 'dashlight.db')) + fileBytes(join(dir, 'dashlight.db-wal'));
  const engineStopNote =
    engineEnd && engineEnd.code !== 0 ? `; engine did not stop cleanly on SIGTERM (${describeEnd(engineEnd)})` : '';
  if (dbBytes === 0) ctx.fail('the engine wrote no database file');

  const unusable = [
    ...missing.map((p) => ({ name: p.name, reason: p.reason })),
    ...all.filter((m) => m.problem).map((m) => ({ name: m.name, reason: m.problem! })),
  ];
  for (const p of unusable) {
    ctx.log(`!! PEER NOT MEASURED: ${p.reason}`);
    if (ctx.ci) ctx.fail(`peer ${p.name} not measured under CI: ${p.reason}`);
  }
  const peers = all.filter((m) => m.spec && m.cpu && !m.problem);
  const cpuOf = (m: Measured) => m.cpu!.percentOfCore;
  const engineCpu = cpuOf(engine);
  const collectd = peers.find((m) => m.name === 'collectd');
  const cpuPeers: PeerFigure[] = peers.map((m) => ({ name: m.name, value: cpuOf(m), ratio: engineCpu / cpuOf(m) }));
  const rssPeers: PeerFigure[] = peers.map((m) => ({
    name: m.name,
    value: m.rss.peakBytes / MB,
    ratio: engine.rss.peakBytes / m.rss.peakBytes,
  }));
  const resolution = engine.cpu!.resolutionPercent;

  const results: BenchResult[] = [
    {
      name: 'engine CPU at 1 Hz (tree)',
      value: engineCpu,
      unit: '% core',
      budget: { op: '<=', value: CPU_BUDGET },
      peers: cpuPeers,
      note: `${engine.cpu!.wallSeconds.toFixed(1)} s window after ${warmupMs / 1000} s warm-up, default metric set, storing to SQLite; children included; ±${resolution.toPrecision(2)} % per clock tick${engineStopNote}`,
    },
    {
      name: 'engine CPU ÷ collectd CPU',
      value: collectd && cpuOf(collectd) > 0 ? engineCpu / cpuOf(collectd) : null,
      unit: '×',
      budget: { op: '<=', value: CPU_VS_COLLECTD },
      note: !collectd
        ? 'collectd was not measured (see below)'
        : cpuOf(collectd) > 0
          ? 'same window, same machine'
          : 'collectd used less than one clock tick in the window: use a longer BENCH_SECONDS',
    },
    {
      name: 'engine RSS, peak',
      value: engine.rss.peakBytes / MB,
      unit: 'MB',
      budget: { op: '<=', value: RSS_BUDGET_MB },
      peers: rssPeers,
      note: 'VmRSS of the engine process, polled every second from the first sample to the end of the window (MB = 10^6 bytes)',
    },
    { name: 'engine RSS, final', value: (engine.rss.lastBytes ?? NaN) / MB, unit: 'MB' },
    {
      name: 'engine startup, spawn → sampling',
      value: readyMs ?? null,
      unit: 'ms',
      note: 'wall time until `dashlight run` prints that it is sampling',
    },
    {
      name: 'engine startup CPU',
      value: readyCpuMs ?? null,
      unit: 'ms',
      note: 'CPU time used by then (module loading, opening the database, first sample)',
    },
  ];
  for (const name of ['collectd', 'glances']) {
    const m = all.find((x) => x.name === name);
    const reason = unusable.find((p) => p.name === name)?.reason;
    results.push({
      name: `${name} CPU at 1 Hz`,
      value: reason || !m?.cpu ? null : cpuOf(m),
      unit: '% core',
      note:
        reason ??
        `${m?.spec?.version}; ${m?.spec?.setup}; stored ${(((m?.bytesAtEnd ?? 0) - (m?.bytesAtStart ?? 0)) / 1000).toFixed(0)} kB of CSV in the window`,
    });
  }
  return results;
}
