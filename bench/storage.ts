/**
 * Storage section, on a synthetic year written by src/main/engine/store/synthetic-history.ts
 * (1 Hz, default tiers and retention: raw and 2-minute 7 days, 1-minute 90 days, 1-hour 365 days, ~45 series):
 * bytes per raw row, the 1-year file size (budget ≤ 400 MB), `history` latency for 1h…1y ranges
 * with maxPoints 2000 (budget ≤ 50 ms, ≤ 2000 points), and insert rates.
 *
 * BENCH_HISTORY_RUNS sets how many times each range is queried (default 9, round-robin over the
 * ranges; the first, cold run counts and is printed on its own in the max's note).
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../src/shared/settings.js';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { defaultSyntheticSeries, writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import type { BenchResult } from './report.js';
import type { BenchContext, BenchSection } from './section.js';
import { median } from './median.js';

const MB = 1_000_000;
const DAY_MS = 86_400_000;
const MAX_POINTS = 2000;
const HISTORY_BUDGET_MS = 50;
export const YEAR_BUDGET_MB = 400;

/** The ranges a user picks in the history view. */
const RANGES: readonly { label: string; ms: number }[] = [
  { label: '1h', ms: 3_600_000 },
  { label: '24h', ms: DAY_MS },
  { label: '7d', ms: 7 * DAY_MS },
  { label: '30d', ms: 30 * DAY_MS },
  { label: '1y', ms: 365 * DAY_MS },
];

/** The per-core CPU chart: a heavy, realistic query (9 series). */
const CHART_SERIES = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];

export const storageSection: BenchSection = {
  name: 'storage',
  title: 'synthetic year at 1 Hz: file size, history latency, insert rate',
  run: measureStorage,
};

/** Bytes on disk (whole pages) of each table, from SQLite's dbstat virtual table. */
function tableBytes(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as {
      name: string;
      bytes: number;
    }[];
    return new Map(rows.map((r) => [r.name, r.bytes]));
  } finally {
    db.close();
  }
}

/**
 * Times `runs` history queries per range, round-robin (run 1 of every range, then run 2…), so that
 * the JIT warming up and other work on the machine fall on every range alike rather than on the
 * first range measured. The first round is each range's first query since the file was opened
 * (cold: SQLite's page cache empty, the read path not yet optimized); it counts in the median and
 * the max, and the note prints it beside the worst of the later runs. Returns result rows and the
 * most points any query returned.
 */
function historyLatency(store: MetricStore, end: number, runs: number): { rows: BenchResult[]; maxPointsSeen: number } {
  const rows: BenchResult[] = [];
  let maxPointsSeen = 0;
  const times = RANGES.map(() => [] as number[]);
  const tiers = RANGES.map(() => '');
  for (let i = 0; i < runs; i++) {
    for (const [r, range] of RANGES.entries()) {
      const started = performance.now();
      const result = store.history({ series: CHART_SERIES, from: end - range.ms, to: end, maxPoints: MAX_POINTS });
      times[r]!.push(performance.now() - started);
      tiers[r] = result.tier;
      for (const series of Object.values(result.series)) maxPointsSeen = Math.max(maxPointsSeen, series.t.length);
    }
  }
  const budget = { op: '<=', value: HISTORY_BUDGET_MS } as const;
  for (const [r, range] of RANGES.entries()) {
    const [cold, ...warm] = times[r]!;
    rows.push({
      name: `history ${range.label}, median`,
      value: median(times[r]!),
      unit: 'ms',
      budget,
      note: `${runs} runs round-robin over the ranges, read from the ${tiers[r]} tier`,
    });
    rows.push({
      name: `history ${range.label}, max`,
      value: Math.max(...times[r]!),
      unit: 'ms',
      budget,
      note: `first query after opening (cold) ${cold!.toFixed(1)} ms; worst of the other ${warm.length} ${warm.length ? Math.max(...warm).toFixed(1) : '-'} ms`,
    });
  }
  return { rows, maxPointsSeen };
}

/** Rows per commit at 1 Hz with the default commit interval (10 s): the engine's batch size. */
const BATCH_ROWS = Math.max(1, Math.round(DEFAULT_SETTINGS.storage.commitInterval / 1000));

/** Appends a day of 1 Hz samples through MetricStore, committing in the engine's batches. */
async function appendRate(file: string, end: number): Promise<number> {
  const { hot } = defaultSyntheticSeries();
  const store = await MetricStore.open(file);
  try {
    const count = 86_400;
    const from = end - count * 1000;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const values: Record<string, number> = {};
      for (let s = 0; s < hot.length; s++) values[hot[s]!] = 40 + 25 * Math.sin(i / 600 + s) + (i % 7);
      store.append({ ts: from + i * 1000, values });
      if (i % BATCH_ROWS === BATCH_ROWS - 1) store.flush();
    }
    store.flush();
    return count / ((performance.now() - started) / 1000);
  } finally {
    store.close();
  }
}

async function measureStorage(ctx: BenchContext): Promise<BenchResult[]> {
  const runs = Number(process.env.BENCH_HISTORY_RUNS ?? 9);
  const yearFile = join(ctx.tmpDir, 'year.db');
  // End on the current hour so that "last 1h … last 1y" read what the history view would.
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  ctx.log('writing the synthetic year…');
  const year = await writeSyntheticHistory(yearFile, { end });
  ctx.log(
    `wrote ${year.rows.raw} raw, ${year.rows['1m']} 1-minute and ${year.rows['1h']} 1-hour rows of ${year.seriesCount} series in ${(year.elapsedMs / 1000).toFixed(1)} s`,
  );

  // Written back before the queries run: the budget is for an idle machine, not one flushing the
  // 300-odd MB of dirty pages the writer just left.
  execFileSync('sync');
  const tables = tableBytes(yearFile);
  const perRow = (table: string, rows: number) => (rows > 0 ? (tables.get(table) ?? NaN) / rows : null);

  const store = await MetricStore.open(yearFile);
  let latency: ReturnType<typeof historyLatency>;
  try {
    ctx.log(`querying history, ${runs} runs per range…`);
    latency = historyLatency(store, end, runs);
  } finally {
    store.close();
  }
  if (latency.maxPointsSeen > MAX_POINTS)
    ctx.fail(`history returned ${latency.maxPointsSeen} points for maxPoints ${MAX_POINTS}`);

  ctx.log('appending a day of samples through MetricStore…');
  const appendPerSecond = await appendRate(join(ctx.tmpDir, 'append.db'), end);

  return [
    {
      name: 'bytes per raw row',
      value: perRow('samples', year.rows.raw),
      unit: 'B',
      note: `${year.seriesCount} series (hot every second, slow every minute); SQLite pages of the samples table ÷ rows, page slack included`,
    },
    {
      name: 'bytes per 1-minute row',
      value: perRow('rollup_1m', year.rows['1m']),
      unit: 'B',
      note: 'min/avg/max/count per series',
    },
    {
      name: 'file size after 1 year at 1 Hz',
      value: year.fileBytes / MB,
      unit: 'MB',
      budget: { op: '<=', value: YEAR_BUDGET_MB },
      note: `default retention (raw ${year.rows.raw.toLocaleString('en-US')} rows = 7 d, 1m ${year.rows['1m'].toLocaleString('en-US')} = 90 d, 1h ${year.rows['1h'].toLocaleString('en-US')} = 365 d), after a WAL checkpoint; MB = 10^6 bytes`,
    },
    ...latency.rows,
    {
      name: 'history points per series, most',
      value: latency.maxPointsSeen,
      unit: 'points',
      budget: { op: '<=', value: MAX_POINTS },
      note: `maxPoints ${MAX_POINTS} (2× a 1000 px canvas); series: ${CHART_SERIES.length} (the per-core CPU chart)`,
    },
    {
      name: 'bulk insert, raw tier',
      value: year.rawRowsPerSecond,
      unit: 'rows/s',
      note: 'synthetic writer: encode + INSERT in 20,000-row transactions',
    },
    {
      name: 'append + commit via MetricStore',
      value: appendPerSecond,
      unit: 'rows/s',
      note: `86,400 samples of the hot set (${defaultSyntheticSeries().hot.length} series), committed every ${BATCH_ROWS} rows like the engine (default commitInterval)`,
    },
  ];
}
