/**
 * History for charts: picks the tier, reads only the requested series, re-buckets to at most
 * `maxPoints` points per series, and marks holes with `null`s. Never interpolates.
 *
 * Tier rule: among the tiers whose data reaches back to `from`, the finest one whose row count
 * over the range is at most ROW_FACTOR × maxPoints (clamped to 16k..24k rows: cheap to read and
 * re-bucket down); otherwise the coarsest.
 *
 * @example
 * readHistory(reader, gaps, { series: ['cpu.total'], from: now - DAY_MS, to: now, maxPoints: 2000 })
 * // { tier: '1m', aggregated: true, bucketMs: 60000, series: { 'cpu.total': { t, avg, min, max } } }
 */
import type { HistoryResult, HistorySeries, Tier } from '../../../shared/queries.js';
import {
  emptyPoints,
  medianStep,
  pushPoint,
  pushReading,
  rebucket,
  toColumns,
  type GapSpan,
  type Points,
} from './bucketing.js';
import { isCounter, roundF32 } from './codec.js';
import { TIERS } from './schema.js';
import { SeriesIndex } from './series-index.js';
import { chooseTier } from './tier-choice.js';
import type { TierReader } from './tier-reader.js';

export interface HistoryQuery {
  readonly series: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly maxPoints: number;
}

/** A tier is read when it has at most this many rows per wanted point... */
export const ROW_FACTOR = 8;
/** ...or this many rows in all (reading ~16k rows takes well under the 50 ms budget)... */
const MIN_ROW_BUDGET = 16_000;
/** ...but never more than this, whatever maxPoints asks for. */
const MAX_ROW_BUDGET = 24_000;

/** Raw readings jitter; a hole is more than this many sampling intervals without one. */
const RAW_HOLE_FACTOR = 2.5;
/** Rollup buckets sit on an exact grid: one missing bucket is a hole. */
const BUCKET_HOLE_FACTOR = 1.5;

export function readHistory(
  reader: TierReader,
  gaps: (from: number, to: number) => GapSpan[],
  query: HistoryQuery,
): HistoryResult {
  const { from, to, maxPoints } = query;
  const keys = [...new Set(query.series)];
  const rawStep = reader.rawStep();
  const rowBudget = Math.min(MAX_ROW_BUDGET, Math.max(MIN_ROW_BUDGET, ROW_FACTOR * maxPoints));
  const tier = to < from ? 'raw' : chooseTier(reader, { from, to, rowBudget, rawStep });
  const index = SeriesIndex.of(keys);
  const points = keys.map(() => emptyPoints());
  if (to >= from) {
    if (tier === 'raw') reader.scanRaw(from, to, index, (ts, s, v) => pushReading(points[s]!, ts, v));
    else
      reader.scanAggregated(tier, from, to, index, (ts, s, min, avg, max, n) =>
        pushPoint(points[s]!, ts, min, avg, max, n),
      );
  }
  const unit = tier === 'raw' ? 1 : TIERS[tier].ms;
  const span = Math.max(0, to - from);
  const longest = Math.max(0, ...points.map((p) => p.t.length));
  let width = 0;
  if (longest > maxPoints) {
    const minimum = tier === 'raw' ? 2 * rawStep : unit;
    width = roundUp(Math.max(minimum, Math.ceil(span / maxPoints)), unit);
  }
  const holeGaps = gaps(from, to);
  for (;;) {
    const series: Record<string, HistorySeries> = {};
    let fits = true;
    keys.forEach((key, s) => {
      const column = columnsFor(points[s]!, tier, width, holeGaps, key);
      if (column.t.length > maxPoints) fits = false;
      series[key] = column;
    });
    if (fits) {
      const bucketMs = width > 0 ? width : tier === 'raw' ? rawStep : unit;
      return { from, to, tier, bucketMs, aggregated: tier !== 'raw' || width > 0, series };
    }
    // Breaks add points; widen until everything fits (one bucket always does).
    width = roundUp(Math.max(width * 2, tier === 'raw' ? 2 * rawStep : unit, Math.ceil(span / maxPoints)), unit);
  }
}

function columnsFor(source: Points, tier: Tier, width: number, gaps: readonly GapSpan[], key: string): HistorySeries {
  const aggregated = tier !== 'raw' || width > 0;
  const step = medianStep(source.t);
  const points = width > 0 ? rebucket(source, width) : source;
  const pointWidth = width > 0 ? width : TIERS[tier].ms;
  const stepLimit = Number.isNaN(step) ? 0 : step * (tier === 'raw' ? RAW_HOLE_FACTOR : BUCKET_HOLE_FACTOR);
  const threshold = Math.max(pointWidth * BUCKET_HOLE_FACTOR, stepLimit);
  const round = tier === 'raw' && width === 0 && isCounter(key) ? (v: number) => v : roundF32;
  if (points.t.length === 0) return aggregated ? { t: [], avg: [], min: [], max: [] } : { t: [], avg: [] };
  return toColumns(
    points,
    { width: pointWidth, threshold: threshold > 0 ? threshold : Number.POSITIVE_INFINITY, gaps },
    aggregated,
    round,
  );
}

function roundUp(value: number, unit: number): number {
  return Math.ceil(value / unit) * unit;
}
