/**
 * The `scale` section's many-interfaces part: two headless engines at 1 Hz side by side, each in a
 * network namespace of its own (the kernel's dummy module is absent here, so the interfaces are
 * veth pairs): one namespace holds 1 interface, the other 200 (100 pairs, named like Calico's and
 * Cilium's host ends). Budget: CPU and bytes per raw row of the 200-interface engine ≤ 1.3× the
 * 1-interface one's. The 1-interface engine also gives the CPU cost of one tick.
 *
 * Needs Linux, root and iproute2 (`ip netns`); says NOT RUN otherwise. The namespaces and their
 * interfaces are deleted afterwards, whatever happens.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENGINE_MIGRATIONS } from '../src/main/engine/modules.js';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { findExecutable, startGroup, type Group } from './process-group.js';
import { RssTracker, threadsRuntimeNs } from './process-usage.js';
import type { BenchResult } from './report.js';
import type { BenchContext } from './section.js';

const RATIO_BUDGET = 1.3;
const MB = 1_000_000;

interface Namespace {
  readonly name: string;
  readonly interfaces: number;
}

/** An engine's CPU time so far, in ns; throws when it has gone (the window would be wrong). */
function runtimeNs(pid: number): number {
  const ns = threadsRuntimeNs(pid);
  if (ns === null) throw new Error(`engine ${pid} exited during the measuring window`);
  return ns;
}

function ipTool(): string | null {
  return findExecutable('ip', `${process.env.PATH ?? ''}:/usr/sbin:/sbin`);
}

function hex(i: number, width: number): string {
  return ((i + 1) * 2654435761).toString(16).padStart(width, '0').slice(-width);
}

/** Creates the namespaces: `one` with a single veth end (its peer in `peer`), `many` with 100 pairs. */
function createNamespaces(ip: string, dir: string, tag: string): { one: Namespace; many: Namespace; all: string[] } {
  const one = `dashlight-one-${tag}`;
  const many = `dashlight-many-${tag}`;
  const peer = `dashlight-peer-${tag}`;
  const all = [one, many, peer];
  for (const ns of all) execFileSync(ip, ['netns', 'add', ns]);
  execFileSync(ip, [
    '-n',
    peer,
    'link',
    'add',
    `cali${hex(0, 11)}`,
    'type',
    'veth',
    'peer',
    'name',
    `lxc${hex(0, 11)}`,
    'netns',
    one,
  ]);
  const batch: string[] = [];
  for (let i = 0; i < 100; i++) batch.push(`link add cali${hex(i, 11)} type veth peer name lxc${hex(i, 11)}`);
  for (let i = 0; i < 100; i++) batch.push(`link set cali${hex(i, 11)} up`, `link set lxc${hex(i, 11)} up`);
  batch.push('link set lo up');
  const file = join(dir, 'many.batch');
  writeFileSync(file, `${batch.join('\n')}\n`);
  execFileSync(ip, ['-n', many, '-batch', file]);
  execFileSync(ip, ['-n', one, 'link', 'set', `lxc${hex(0, 11)}`, 'up']);
  execFileSync(ip, ['-n', one, 'link', 'set', 'lo', 'up']);
  return { one: { name: one, interfaces: 1 }, many: { name: many, interfaces: 200 }, all };
}

function deleteNamespaces(ip: string, names: readonly string[]): void {
  for (const ns of names) {
    try {
      execFileSync(ip, ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      // never created
    }
  }
}

function startEngine(ctx: BenchContext, ip: string, ns: Namespace, dir: string): Group {
  mkdirSync(dir, { recursive: true });
  const args = ['netns', 'exec', ns.name, process.execPath, join(ctx.root, 'bin', 'dashlight.js'), 'run'];
  args.push('--db', join(dir, 'dashlight.db'), '--interval', '1s');
  return startGroup(`engine-${ns.interfaces}`, ip, args, {
    cwd: dir,
    env: { ...process.env, DASHLIGHT_DATA_DIR: dir },
  });
}

interface EngineFigures {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly peakRss: number;
  readonly rows: number;
  readonly bytesPerRow: number;
  readonly series: number;
  readonly sampleJsonBytes: number;
}

async function storedFigures(
  file: string,
): Promise<Pick<EngineFigures, 'rows' | 'bytesPerRow' | 'series' | 'sampleJsonBytes'>> {
  const db = new Database(file, { readonly: true });
  let rows: number;
  let bytes: number;
  let series: number;
  try {
    rows = db.prepare('SELECT count(*) FROM samples').pluck().get() as number;
    bytes = db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'samples'").pluck().get() as number;
    series = db.prepare('SELECT count(*) FROM series').pluck().get() as number;
  } finally {
    db.close();
  }
  const store = await MetricStore.open(file, { migrations: ENGINE_MIGRATIONS });
  try {
    return { rows, bytesPerRow: bytes / rows, series, sampleJsonBytes: JSON.stringify(store.latest()).length };
  } finally {
    store.close();
  }
}

export async function interfaceFigures(ctx: BenchContext): Promise<BenchResult[]> {
  const notRun = (note: string): BenchResult[] => [
    { name: '200 ÷ 1 interfaces, engine CPU', value: null, unit: '×', budget: { op: '<=', value: RATIO_BUDGET }, note },
    {
      name: '200 ÷ 1 interfaces, bytes per raw row',
      value: null,
      unit: '×',
      budget: { op: '<=', value: RATIO_BUDGET },
      note,
    },
  ];
  const ip = ipTool();
  if (process.platform !== 'linux') return notRun('network namespaces are Linux only');
  if (process.getuid?.() !== 0) return notRun('creating network namespaces needs root');
  if (!ip) return notRun('iproute2 (ip) is not installed');
  const dir = join(ctx.tmpDir, 'netns');
  mkdirSync(dir, { recursive: true });
  const tag = String(process.pid);
  let names: string[] = [`dashlight-one-${tag}`, `dashlight-many-${tag}`, `dashlight-peer-${tag}`];
  const figures = new Map<number, EngineFigures>();
  try {
    const spaces = createNamespaces(ip, dir, tag);
    names = spaces.all;
    const engines = [spaces.one, spaces.many].map((ns) => ({
      ns,
      dir: join(dir, String(ns.interfaces)),
      group: null as Group | null,
    }));
    for (const e of engines) e.group = startEngine(ctx, ip, e.ns, e.dir);
    try {
      await Promise.all(engines.map((e) => e.group!.waitFor(/sampling every/, 30_000)));
      await sleep(Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000);
      const rss = engines.map((e) => new RssTracker(e.group!.pid));
      // The scheduler's nanoseconds, not clock ticks: two engines a few ticks apart are compared.
      const startNs = engines.map((e) => runtimeNs(e.group!.pid));
      const started = performance.now();
      ctx.log(`two engines (1 and 200 interfaces) side by side for ${ctx.seconds} s…`);
      for (let left = ctx.seconds; left > 0; left--) {
        await sleep(1000);
        for (const r of rss) r.sample();
      }
      const wallSeconds = (performance.now() - started) / 1000;
      const cpuSeconds = engines.map((e, i) => (runtimeNs(e.group!.pid) - startNs[i]!) / 1e9);
      engines.forEach((e, i) =>
        figures.set(e.ns.interfaces, {
          cpuSeconds: cpuSeconds[i]!,
          wallSeconds,
          peakRss: rss[i]!.peakBytes,
          rows: 0,
          bytesPerRow: 0,
          series: 0,
          sampleJsonBytes: 0,
        }),
      );
    } finally {
      await Promise.all(engines.map((e) => e.group?.stop(10_000)));
    }
    for (const e of engines)
      Object.assign(figures.get(e.ns.interfaces)!, await storedFigures(join(e.dir, 'dashlight.db')));
  } finally {
    deleteNamespaces(ip, names);
  }
  const one = figures.get(1)!;
  const many = figures.get(200)!;
  const describe = (f: EngineFigures) =>
    `${f.series} series, ${f.bytesPerRow.toFixed(0)} B per raw row, sample event ${(f.sampleJsonBytes / 1000).toFixed(1)} kB, peak RSS ${(f.peakRss / MB).toFixed(0)} MB`;
  return [
    {
      name: '200 ÷ 1 interfaces, engine CPU',
      value: many.cpuSeconds / one.cpuSeconds,
      unit: '×',
      budget: { op: '<=', value: RATIO_BUDGET },
      note: `same ${one.wallSeconds.toFixed(0)} s window at 1 Hz: ${(many.cpuSeconds * 1000).toFixed(0)} vs ${(one.cpuSeconds * 1000).toFixed(0)} ms of CPU (the scheduler's count over every thread)`,
    },
    {
      name: '200 ÷ 1 interfaces, bytes per raw row',
      value: many.bytesPerRow / one.bytesPerRow,
      unit: '×',
      budget: { op: '<=', value: RATIO_BUDGET },
      note: `200 interfaces: ${describe(many)}; 1 interface: ${describe(one)}`,
    },
    {
      name: 'engine CPU per tick, 1 interface',
      value: (one.cpuSeconds * 1000) / one.wallSeconds,
      unit: 'ms',
      note: 'CPU time of the whole engine process (collect, encode, buffer, commit, rollup, windows, alerts, events) ÷ ticks at 1 Hz',
    },
    {
      name: 'engine CPU per tick, 200 interfaces',
      value: (many.cpuSeconds * 1000) / many.wallSeconds,
      unit: 'ms',
    },
  ];
}
