/**
 * The `scale` section's history part: every range a user picks, from 1 hour to 5 years, on a
 * synthetic 5-year history at 1 Hz (default tiers and retention), and again on two whose sampling
 * interval went from 1 s to 2 s and to 60 s half-way through the raw week. Per range: the median latency
 * (≤ 50 ms), the points returned against what was asked (≥ 0.5× where the data holds that many),
 * and the rows read per point (≤ 4); across ranges, worst ÷ best median ≤ 3×. The runs go
 * round-robin over the ranges after an unmeasured round (measureRanges).
 *
 * After the change to 60 s, the ranges wholly after it hold fewer readings than half the points
 * asked (the last hour: 60), so their answers, and their costs, are that much smaller. The
 * worst ÷ best budget compares answers of one size, so there it applies to the ranges that hold
 * at least half the points asked (a line of its own); the spread over every range, and per point
 * returned, are printed without a verdict.
 *
 * Rows read come from the store's own counter (`rowsRead`); a store without one (an older build,
 * measured for a "before" figure) is charged the rows of the answering tier in the range.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { MetricStore } from '../src/main/engine/store/metric-store.js';
import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import type { HistoryResult } from '../src/shared/queries.js';
import type { BenchResult } from './report.js';
import type { BenchContext } from './section.js';
import { median } from './median.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEARS = 5;
const MAX_POINTS = 2000;
const SERIES = ['cpu.total', ...Array.from({ length: 8 }, (_, i) => `cpu.core[${i}]`)];

export const HISTORY_BUDGET_MS = 50;
const SPREAD_BUDGET = 3;
const POINTS_BUDGET = 0.5;
const ROWS_PER_POINT_BUDGET = 4;

export const RANGES: readonly { label: string; ms: number }[] = [
  { label: '1h', ms: HOUR },
  { label: '6h', ms: 6 * HOUR },
  { label: '12h', ms: 12 * HOUR },
  { label: '1d', ms: DAY },
  { label: '2d', ms: 2 * DAY },
  { label: '3d', ms: 3 * DAY },
  { label: '5d', ms: 5 * DAY },
  { label: '7d', ms: 7 * DAY },
  { label: '14d', ms: 14 * DAY },
  { label: '30d', ms: 30 * DAY },
  { label: '90d', ms: 90 * DAY },
  { label: '1y', ms: 365 * DAY },
  { label: '5y', ms: YEARS * 365 * DAY },
];

/** When readings were taken: every `before` ms until `at`, every `after` ms from then on. */
interface Schedule {
  readonly start: number;
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

function readingsIn(s: Schedule, from: number, to: number): number {
  const span = (a: number, b: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));
  return span(s.start, s.at) / s.before + span(s.at, Number.POSITIVE_INFINITY) / s.after;
}

export interface RangeFigure {
  readonly label: string;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly tier: string;
  readonly points: number;
  /** Readings the range holds (what the schedule put there). */
  readonly readings: number;
  /** Points returned ÷ min(asked, readings the range holds). */
  readonly pointsRatio: number;
  readonly rowsPerPoint: number;
}

/** Rows a query read: the store's counter, else the answering tier's rows in the range. */
function rowsReader(store: MetricStore, file: string): { before(): void; after(result: HistoryResult): number } {
  const counter = () => (store as unknown as { rowsRead?: number }).rowsRead;
  let start = 0;
  return {
    before() {
      start = counter() ?? 0;
    },
    after(result) {
      const now = counter();
      if (now !== undefined) return now - start;
      const table = result.tier === 'raw' ? 'samples' : `rollup_${result.tier}`;
      const db = new Database(file, { readonly: true });
      try {
        return db
          .prepare(`SELECT count(*) FROM ${table} WHERE ts >= ? AND ts <= ?`)
          .pluck()
          .get(result.from, result.to) as number;
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Queries every range `runs` times on an open store, after one unmeasured round. The runs go
 * round-robin over the ranges (run 1 of every range, then run 2…), so that what the process and
 * the machine do meanwhile (the JIT warming up, the kernel writing back the files just made,
 * other work on a shared machine) falls on every range alike instead of on the first ones
 * measured.
 */
export async function measureRanges(store: MetricStore, file: string, end: number, schedule: Schedule, runs: number) {
  const rows = rowsReader(store, file);
  const query = (range: { ms: number }) =>
    store.history({ series: SERIES, from: end - range.ms, to: end, maxPoints: MAX_POINTS });
  const times = RANGES.map(() => [] as number[]);
  const results: HistoryResult[] = [];
  const read: number[] = [];
  for (const range of RANGES) {
    rows.before();
    results.push(await query(range));
    read.push(rows.after(results.at(-1)!));
  }
  for (let i = 0; i < runs; i++) {
    for (const [r, range] of RANGES.entries()) {
      const started = performance.now();
      await query(range);
      times[r]!.push(performance.now() - started);
    }
  }
  return RANGES.map((range, r): RangeFigure => {
    const result = results[r]!;
    const points = result.series['cpu.total']!.avg.filter((v) => v !== null).length;
    const readings = readingsIn(schedule, end - range.ms, end);
    const expected = Math.min(MAX_POINTS, readings);
    return {
      label: range.label,
      medianMs: median(times[r]!),
      maxMs: Math.max(...times[r]!),
      tier: result.tier,
      points,
      readings,
      pointsRatio: points / expected,
      rowsPerPoint: points > 0 ? read[r]! / points : Number.POSITIVE_INFINITY,
    };
  });
}

/** Slowest median ÷ fastest, and which ranges they were. */
function spreadOf(figures: readonly RangeFigure[]): { value: number; note: string } {
  const slowest = figures.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  const fastest = figures.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  return {
    value: slowest.medianMs / fastest.medianMs,
    note: `${slowest.label} ${slowest.medianMs.toFixed(1)} ms ÷ ${fastest.label} ${fastest.medianMs.toFixed(1)} ms (medians)`,
  };
}

/** Result rows for one data set: one per range, then the spread, the fewest points and the most rows per point. */
export function rangeRows(prefix: string, figures: readonly RangeFigure[]): BenchResult[] {
  const rows: BenchResult[] = figures.map((f) => ({
    name: `${prefix}history ${f.label}, median`,
    value: f.medianMs,
    unit: 'ms',
    budget: { op: '<=', value: HISTORY_BUDGET_MS },
    note: `max ${f.maxMs.toFixed(1)} ms; ${f.points} points (${f.pointsRatio.toFixed(2)}× of what the range holds, up to ${MAX_POINTS}); ${f.rowsPerPoint.toFixed(2)} rows read per point; tier ${f.tier}`,
  }));
  const fewest = figures.reduce((a, b) => (b.pointsRatio < a.pointsRatio ? b : a));
  const most = figures.reduce((a, b) => (b.rowsPerPoint > a.rowsPerPoint ? b : a));
  const perPoint = figures.filter((f) => f.points > 0).map((f) => ({ label: f.label, ms: f.medianMs / f.points }));
  const perPointSpread = Math.max(...perPoint.map((p) => p.ms)) / Math.min(...perPoint.map((p) => p.ms));
  // Ranges whose data holds fewer readings than half the points asked (after an interval change,
  // the last hour holds 60): their answers are smaller, so they cost less, as they should.
  const full = figures.filter((f) => f.readings >= POINTS_BUDGET * MAX_POINTS);
  const small = figures.filter((f) => !full.includes(f));
  const spread = spreadOf(figures);
  const fullSpread = spreadOf(full);
  // The spread budget compares answers of one size: where some ranges hold fewer readings than half
  // the points asked, it applies to the others (next line), and the spread over every range is
  // printed without a verdict (each range still has its own ≤ 50 ms).
  rows.push({
    name: `${prefix}history worst ÷ best range`,
    value: spread.value,
    unit: '×',
    ...(small.length === 0 ? { budget: { op: '<=', value: SPREAD_BUDGET } as const } : {}),
    note:
      small.length === 0
        ? spread.note
        : `${spread.note}. Not budgeted: ${small.map((f) => `${f.label} holds ${Math.round(f.readings)}`).join(', ')} readings, ` +
          `under half the ${MAX_POINTS} points asked, and a smaller answer costs less (cost follows the answer); ` +
          `the budget applies to the ranges holding ≥ ${POINTS_BUDGET * MAX_POINTS}: ${fullSpread.value.toFixed(2)}× (${fullSpread.note}); ` +
          `per point returned: ${perPointSpread.toFixed(2)}×`,
  });
  if (small.length > 0 && full.length > 1)
    rows.push({
      name: `${prefix}history worst ÷ best range holding ≥ ${POINTS_BUDGET * MAX_POINTS} readings`,
      value: fullSpread.value,
      unit: '×',
      budget: { op: '<=', value: SPREAD_BUDGET },
      note: `${full.map((f) => f.label).join(', ')}: ${fullSpread.note}`,
    });
  rows.push(
    {
      // What "costs what it returns" means: ranges returning 60 points and 2,000 cost 60 and 2,000 points' worth.
      name: `${prefix}history time per point returned, worst ÷ best range`,
      value: perPointSpread,
      unit: '×',
      note: perPoint.map((p) => `${p.label} ${(p.ms * 1000).toFixed(1)} µs`).join(', '),
    },
    {
      name: `${prefix}history points ÷ asked, fewest`,
      value: fewest.pointsRatio,
      unit: '×',
      budget: { op: '>=', value: POINTS_BUDGET },
      note: `${fewest.label}: ${fewest.points} points for ${MAX_POINTS} asked (capped at the readings the range holds)`,
    },
    {
      name: `${prefix}history rows read ÷ points, most`,
      value: most.rowsPerPoint,
      unit: '×',
      budget: { op: '<=', value: ROWS_PER_POINT_BUDGET },
      note: `${most.label}, tier ${most.tier}`,
    },
  );
  return rows;
}

const DAYS = YEARS * 365 + 2;

/**
 * The sampling intervals history changes to, half-way through the raw week: 2 s, the server's
 * default over a desktop's 1 Hz history (every range still holds at least the points asked), and
 * 60 s, after which the last hours hold fewer readings than half the points asked.
 */
const CHANGES = [
  { label: '2 s', intervalMs: 2_000 },
  { label: '60 s', intervalMs: 60_000 },
] as const;

/** The steady 5-year file (also what serve-mode memory runs on) and, on request, the changed ones. */
export async function historyData(ctx: BenchContext, end: number, changeAt?: number) {
  const steady = join(ctx.tmpDir, 'five-years.db');
  ctx.log(`writing ${YEARS} years at 1 Hz…`);
  await writeSyntheticHistory(steady, { end, days: DAYS });
  const changed: { label: string; intervalMs: number; file: string }[] = [];
  if (changeAt !== undefined)
    for (const change of CHANGES) {
      const file = join(ctx.tmpDir, `interval-change-${change.intervalMs}.db`);
      ctx.log(`writing the same with the interval changed to ${change.label} 3.5 days ago…`);
      await writeSyntheticHistory(file, { end, days: DAYS, change: { at: changeAt, intervalMs: change.intervalMs } });
      changed.push({ ...change, file });
    }
  return { steady, changed };
}

/** Writes the data sets and measures every range on each. */
export async function historyFigures(
  ctx: BenchContext,
  end: number,
): Promise<{ rows: BenchResult[]; yearFile: string }> {
  // 13 medians are compared with one another, so each gets more runs than one figure would need:
  // a run slowed by other work on a shared machine then moves none of them (≈ 2 s in all).
  const runs = Number(process.env.BENCH_HISTORY_RUNS ?? 21);
  const start = end - DAYS * DAY;
  const rows: BenchResult[] = [];
  const changeAt = end - 3.5 * DAY;
  const { steady, changed } = await historyData(ctx, end, changeAt);
  const sets: [file: string, prefix: string, schedule: Schedule][] = [
    [steady, '', { start, at: end, before: 1000, after: 1000 }],
    ...changed.map(({ file, label, intervalMs }): [string, string, Schedule] => [
      file,
      `interval change to ${label}: `,
      { start, at: changeAt, before: 1000, after: intervalMs },
    ]),
  ];
  for (const [file, prefix, schedule] of sets) {
    const store = await MetricStore.open(file);
    try {
      ctx.log(`${prefix || 'steady: '}querying ${RANGES.length} ranges, ${runs} runs each…`);
      rows.push(...rangeRows(prefix, await measureRanges(store, file, end, schedule, runs)));
    } finally {
      store.close();
    }
  }
  return { rows, yearFile: steady };
}
