/**
 * The `scale` section's many-series part: the same day of history with the default 45 series and
 * with 845 (the same plus 200 interfaces × 4 series, what a Kubernetes node recorded before
 * virtual interfaces were folded). Budgets: `dashlight stats` over 12 h peaks at ≤ 1.2× the RSS
 * of the 45-series run; `history` over 1 d takes ≤ 2× as long.
 *
 * Both files are written first. Stats runs in a child (`dashlight stats --json`, the built CLI)
 * preloaded with max-rss.mjs, so its peak RSS is the kernel's high-water mark; history runs in
 * this process, round-robin over both files after a warm-up (historyMedians).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_MIGRATIONS } from '../src/main/engine/modules.js';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { defaultSyntheticSeries, writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import type { BenchResult } from './report.js';
import type { BenchContext } from './section.js';
import { median } from './median.js';

const HOUR = 3_600_000;
const MB = 1_000_000;
const STATS_RSS_BUDGET = 1.2;
const HISTORY_BUDGET = 2;
const CHART = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];

/** 200 interfaces named like Calico's and Cilium's host ends, four series each. */
export function interfaceSeries(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${i % 2 ? 'lxc' : 'cali'}${(i * 2654435761).toString(16).padStart(11, '0').slice(-11)}`,
  ).flatMap((name) => [`net.rx[${name}]`, `net.tx[${name}]`, `net.rx_total[${name}]`, `net.tx_total[${name}]`]);
}

interface Probe {
  readonly series: number;
  readonly statsPeakBytes: number;
  readonly statsMs: number;
  readonly historyMs: number;
}

/** Runs `dashlight stats --json` over [from, to] in a child; its peak RSS and wall time. */
async function statsInChild(
  ctx: BenchContext,
  file: string,
  from: number,
  to: number,
): Promise<{ peak: number; ms: number }> {
  const rssFile = `${file}.rss`;
  const args = [
    '--import',
    join(ctx.root, 'bench', 'max-rss.mjs'),
    join(ctx.root, 'bin', 'dashlight.js'),
    'stats',
    '--db',
    file,
    '--from',
    new Date(from).toISOString(),
    '--to',
    new Date(to).toISOString(),
    '--json',
  ];
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DASHLIGHT_BENCH_RSS_FILE: rssFile, DASHLIGHT_DATA_DIR: ctx.tmpDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (exit) =>
      exit === 0 ? resolve(exit) : reject(new Error(`dashlight stats exited ${exit}: ${err.slice(-500)}`)),
    );
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error('dashlight stats failed');
  return { peak: Number(readFileSync(rssFile, 'utf8')), ms };
}

/** Warm-up rounds (not measured) and measured rounds of the history comparison. */
const WARMUP_ROUNDS = 3;
const HISTORY_ROUNDS = 15;

/**
 * The 1-day history of every file, measured the same way: all files are written first, then
 * queried round-robin (after unmeasured rounds, alternating which goes first), so the kernel
 * writing back a file just made, the JIT warming up or other work on the machine falls on both
 * alike. Medians, in the order of `files`.
 */
async function historyMedians(files: readonly string[], end: number): Promise<number[]> {
  const stores: MetricStore[] = [];
  try {
    for (const file of files) stores.push(await MetricStore.open(file, { migrations: ENGINE_MIGRATIONS }));
    const timed = async (store: MetricStore): Promise<number> => {
      const started = performance.now();
      await store.history({ series: CHART, from: end - 24 * HOUR, to: end, maxPoints: 2000 });
      return performance.now() - started;
    };
    for (let round = 0; round < WARMUP_ROUNDS; round++) for (const store of stores) await timed(store);
    const times = stores.map(() => [] as number[]);
    for (let round = 0; round < HISTORY_ROUNDS; round++) {
      const order = round % 2 === 0 ? [...stores.keys()] : [...stores.keys()].reverse();
      for (const k of order) times[k]!.push(await timed(stores[k]!));
    }
    return times.map((t) => median(t));
  } finally {
    for (const store of stores) store.close();
  }
}

/** A day of the default series plus `extra` interfaces, written to its own file. */
async function writeDay(ctx: BenchContext, extra: number, end: number): Promise<{ file: string; series: number }> {
  const base = defaultSyntheticSeries();
  const series = { hot: [...base.hot, ...interfaceSeries(extra)], slow: base.slow };
  const file = join(ctx.tmpDir, `wide-${extra}.db`);
  ctx.log(`writing a day of ${series.hot.length + series.slow.length} series…`);
  await writeSyntheticHistory(file, { end, days: 2, rawDays: 1, minuteDays: 2, series });
  return { file, series: series.hot.length + series.slow.length };
}

async function probes(ctx: BenchContext, end: number): Promise<[Probe, Probe]> {
  const days = [await writeDay(ctx, 0, end), await writeDay(ctx, 200, end)];
  const stats: { peak: number; ms: number }[] = [];
  for (const day of days) stats.push(await statsInChild(ctx, day.file, end - 12 * HOUR, end));
  ctx.log(`history over 1 d: ${WARMUP_ROUNDS} + ${HISTORY_ROUNDS} rounds over both files…`);
  const history = await historyMedians(
    days.map((d) => d.file),
    end,
  );
  const probe = (i: number): Probe => ({
    series: days[i]!.series,
    statsPeakBytes: stats[i]!.peak,
    statsMs: stats[i]!.ms,
    historyMs: history[i]!,
  });
  return [probe(0), probe(1)];
}

export async function wideFigures(ctx: BenchContext, end: number): Promise<BenchResult[]> {
  const [narrow, wide] = await probes(ctx, end);
  return [
    {
      name: `stats 12 h, ${wide.series} ÷ ${narrow.series} series, peak RSS`,
      value: wide.statsPeakBytes / narrow.statsPeakBytes,
      unit: '×',
      budget: { op: '<=', value: STATS_RSS_BUDGET },
      note: `dashlight stats --json: ${(wide.statsPeakBytes / MB).toFixed(0)} MB vs ${(narrow.statsPeakBytes / MB).toFixed(0)} MB peak RSS; ${(wide.statsMs / 1000).toFixed(1)} s vs ${(narrow.statsMs / 1000).toFixed(1)} s wall, process start included`,
    },
    {
      name: `history 1 d, ${wide.series} ÷ ${narrow.series} series`,
      value: wide.historyMs / narrow.historyMs,
      unit: '×',
      budget: { op: '<=', value: HISTORY_BUDGET },
      note: `medians of ${HISTORY_ROUNDS}, round-robin over both files after ${WARMUP_ROUNDS} unmeasured rounds: ${wide.historyMs.toFixed(2)} ms vs ${narrow.historyMs.toFixed(2)} ms (the 9 per-core CPU series, 2000 points)`,
    },
  ];
}
