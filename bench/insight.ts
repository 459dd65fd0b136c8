/**
 * Insight section: what process history and the sensors cost.
 *
 * - CPU and RSS at 1 Hz of the engine with process history at its default cadence (5 s) and every
 *   sensor on (DASHLIGHT_SYSFS points at a laptop's sysfs from the collectors' fixtures: this
 *   machine has none), side by side with Glances (which refreshes its process list every tick),
 *   collectd with its processes plugin following every process, and the engine without process
 *   history or sensors. Budgets (docs/ARCHITECTURE.md): ≤ 0.5× Glances, ≤ 1.5× collectd with
 *   processes, RSS ≤ 80 MB.
 * - Disk for a synthetic year of the defaults with process history, against the same year
 *   without it: ≤ 1.15×.
 * - `topProcesses` over 1 h … 1 y on that year: ≤ 50 ms.
 *
 * BENCH_SECONDS sets the CPU window (default 60). Linux only: it reads /proc.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopProcessesResult } from '../src/shared/processes.js';
import { writeSysfs } from '../src/main/engine/collect/linux/test-support/sysfs-tree.js';
import { INTEL_LAPTOP } from '../src/main/engine/collect/linux/test-support/sysfs-machines.js';
import { ENGINE_MIGRATIONS } from '../src/main/engine/modules.js';
import { writeSyntheticProcesses } from '../src/main/engine/processes/synthetic-processes.js';
import { openProcessHistory } from '../src/main/engine/processes/test-support.js';
import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import { deadReason, sleepSampling, startEngine, startPeer, type Measured } from './overhead.js';
import { collectdPeer, glancesPeer, type PeerSpec } from './peers.js';
import { CpuWindow, RssTracker } from './process-usage.js';
import type { BenchResult, PeerFigure } from './report.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './median.js';
import { YEAR_BUDGET_MB } from './storage.js';

const MB = 1_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUERY_BUDGET_MS = 50;
const DISK_RATIO_BUDGET = 1.15;

const RANGES = [
  { label: '1h', ms: HOUR },
  { label: '6h', ms: 6 * HOUR },
  { label: '24h', ms: DAY },
  { label: '7d', ms: 7 * DAY },
  { label: '30d', ms: 30 * DAY },
  { label: '90d', ms: 90 * DAY },
  { label: '1y', ms: 365 * DAY },
];

export const insightSection: BenchSection = {
  name: 'insight',
  title: 'process history and sensors: CPU beside Glances and collectd, disk for a year, topProcesses',
  run: async (ctx) => [...(await overhead(ctx)), ...(await diskAndQueries(ctx))],
};

async function overhead(ctx: BenchContext): Promise<BenchResult[]> {
  if (process.platform !== 'linux') {
    return [
      {
        name: 'engine CPU with process history and sensors',
        value: null,
        unit: '% core',
        note: 'reads /proc: Linux only',
      },
    ];
  }
  const dir = join(ctx.tmpDir, 'insight');
  const withDir = join(dir, 'with');
  const withoutDir = join(dir, 'without');
  mkdirSync(withDir, { recursive: true });
  mkdirSync(withoutDir, { recursive: true });
  const sensors = await writeSysfs(INTEL_LAPTOP, join(dir, 'sysfs'));
  mkdirSync(join(dir, 'no-sysfs'), { recursive: true });
  writeFileSync(join(withoutDir, 'config.json'), JSON.stringify({ processes: { enabled: false } }));
  const specs: PeerSpec[] = [];
  const missing: string[] = [];
  for (const peer of [collectdPeer(join(dir, 'collectd'), { processes: true }), glancesPeer(join(dir, 'glances'))]) {
    if ('missing' in peer) missing.push(`${peer.name}: ${peer.missing}`);
    else specs.push(peer);
  }
  const engine = (name: string, folder: string, sysfs: string): Measured => {
    const group = startEngine(ctx, folder, name, { DASHLIGHT_SYSFS: sysfs });
    return { name, group, rss: new RssTracker(group.pid) };
  };
  const all: Measured[] = [
    engine('engine+insight', withDir, sensors),
    engine('engine', withoutDir, join(dir, 'no-sysfs')),
    ...specs.map(startPeer),
  ];
  try {
    for (const m of all.slice(0, 2)) await m.group.waitFor(/sampling every/, 30_000);
    await sleepSampling(Number(process.env.BENCH_WARMUP_SECONDS ?? 5) * 1000, all);
    for (const m of all) {
      m.problem = deadReason(m);
      if (!m.problem) m.window = CpuWindow.start(m.group.pid);
    }
    ctx.log(`measuring ${all.map((m) => m.name).join(', ')} for ${ctx.seconds} s…`);
    await sleepSampling(ctx.seconds * 1000, all);
    for (const m of all) {
      m.problem ??= deadReason(m);
      if (m.window && !m.problem) m.cpu = m.window.stop();
    }
  } finally {
    await Promise.all(all.map((m) => m.group.stop(10_000)));
  }
  for (const m of all.filter((x) => x.problem)) ctx.log(`!! ${m.name} not measured: ${m.problem}`);
  for (const text of missing) {
    ctx.log(`!! PEER NOT MEASURED: ${text}`);
    if (ctx.ci) ctx.fail(`peer not measured under CI: ${text}`);
  }
  const cpu = (name: string) => all.find((m) => m.name === name)?.cpu?.percentOfCore ?? null;
  const ours = cpu('engine+insight');
  if (ours === null) throw new Error(all[0]!.problem ?? 'the engine with process history was not measured');
  const ratio = (peer: string): number | null => {
    const theirs = cpu(peer);
    return theirs && theirs > 0 ? ours / theirs : null;
  };
  const peers: PeerFigure[] = all
    .slice(1)
    .filter((m) => m.cpu)
    .map((m) => ({ name: m.name, value: m.cpu!.percentOfCore, ratio: ours / m.cpu!.percentOfCore }));
  const rss = all[0]!.rss.peakBytes / MB;
  const rssPeers: PeerFigure[] = all
    .slice(1)
    .filter((m) => m.rss.peakBytes > 0)
    .map((m) => ({ name: m.name, value: m.rss.peakBytes / MB, ratio: rss / (m.rss.peakBytes / MB) }));
  return [
    {
      name: 'engine CPU at 1 Hz, process history (5 s) and sensors on',
      value: ours,
      unit: '% core',
      peers,
      note: `${ctx.seconds} s window, children included; sensors from a laptop's sysfs (DASHLIGHT_SYSFS), this machine's /proc`,
    },
    {
      name: 'engine+insight ÷ Glances',
      value: ratio('glances'),
      unit: '×',
      budget: { op: '<=', value: 0.5 },
      note: 'Glances refreshes its process list every second',
    },
    {
      name: 'engine+insight ÷ collectd with processes',
      value: ratio('collectd+processes'),
      unit: '×',
      budget: { op: '<=', value: 1.5 },
      note: 'collectd at Interval 1 with ProcessMatch ".*": every process, every second',
    },
    {
      name: 'engine+insight ÷ engine without them',
      value: ratio('engine'),
      unit: '×',
      note: 'the same engine with processes.enabled false and no sysfs',
    },
    {
      name: 'engine+insight RSS, peak',
      value: rss,
      unit: 'MB',
      budget: { op: '<=', value: 80 },
      peers: rssPeers,
      note: 'VmRSS polled every second; MB = 10^6 bytes. Both engines grow by 6–8 MB when V8 pages in its optimizing compiler: with process history within the first minute, without it after a few minutes',
    },
  ];
}

async function diskAndQueries(ctx: BenchContext): Promise<BenchResult[]> {
  const end = Math.floor(Date.now() / HOUR) * HOUR;
  const file = join(ctx.tmpDir, 'insight-year.db');
  ctx.log('writing a synthetic year of the defaults…');
  const year = await writeSyntheticHistory(file, { end, migrations: ENGINE_MIGRATIONS });
  ctx.log('adding a synthetic year of process history…');
  const processes = await writeSyntheticProcesses(file, { end });
  const withBytes = statSync(file).size;
  const parts = await openProcessHistory(file);
  const rows: BenchResult[] = [];
  try {
    const runs = Number(process.env.BENCH_HISTORY_RUNS ?? 9);
    for (const range of RANGES) {
      const times: number[] = [];
      let result: TopProcessesResult | undefined;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        result = parts.query({ from: end - range.ms, to: end, by: 'cpu', limit: 10 });
        times.push(performance.now() - started);
      }
      rows.push({
        name: `topProcesses ${range.label}, median`,
        value: median(times),
        unit: 'ms',
        budget: { op: '<=', value: QUERY_BUDGET_MS },
        note: `${runs} runs; ${result!.apps.length} apps from ${result!.bucketMs / 60_000}-minute buckets; max ${Math.max(...times).toFixed(1)} ms`,
      });
    }
  } finally {
    parts.store.close();
  }
  return [
    {
      name: 'disk for a year of defaults, with process history',
      value: withBytes / MB,
      unit: 'MB',
      // The storage section's 1-year budget holds with process history on.
      budget: { op: '<=', value: YEAR_BUDGET_MB },
      note: `the same year without it: ${(year.fileBytes / MB).toFixed(1)} MB; ${processes.minutes.toLocaleString('en-US')} minute and ${processes.hours.toLocaleString('en-US')} hour buckets, ${processes.commands.toLocaleString('en-US')} commands (a busy desktop: ~50 services, 6 apps by day, a job starting about every 6 minutes)`,
    },
    {
      name: 'disk with ÷ without process history',
      value: withBytes / year.fileBytes,
      unit: '×',
      budget: { op: '<=', value: DISK_RATIO_BUDGET },
      note: 'both files after a WAL checkpoint, in the same run',
    },
    ...rows,
  ];
}
