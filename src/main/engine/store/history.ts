/**
 * History for charts: picks the tier, reads only the requested series, re-buckets to at most
 * `maxPoints` points per series, and marks holes with `null`s. Never interpolates.
 *
 * Tier rule (tier-choice.ts): among the tiers whose data reaches back to `from`, the finest whose
 * rows in the range, counted for real, come to at most ROWS_PER_POINT × maxPoints; otherwise the
 * coarsest. With the tier ladder in schema.ts that answers every range from a few hours to 5
 * years with between 0.5× and 1× the points asked, reading at most ~4 rows per point.
 *
 * @example
 * readHistory(catalog, gaps, { series: ['cpu.total'], from: now - DAY_MS, to: now, maxPoints: 2000 })
 * // { tier: '1m', aggregated: true, bucketMs: 60000, series: { 'cpu.total': { t, avg, min, max } } }
 */
import type { HistoryResult, HistorySeries } from '../../../shared/queries.js';
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
import { drain } from './row-scans.js';
import { tierInfo, type RolledTier, type StoreTier } from './schema.js';
import { SeriesIndex } from './series-index.js';
import { chooseTier, type TierCatalog } from './tier-choice.js';

export interface HistoryQuery {
  readonly series: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly maxPoints: number;
}

/**
 * A tier is read when its rows in the range come to at most this many per point asked. Below 4,
 * so that the tail aggregated on the fly and uneven buckets keep the rows read per point
 * returned under 4; the tiers step by at most 6×, so the next coarser one still has over half
 * the points asked.
 */
export const ROWS_PER_POINT = 3.5;

/** Raw readings jitter; a hole is more than this many sampling intervals without one. */
const RAW_HOLE_FACTOR = 2.5;
/** Rollup buckets sit on an exact grid: one missing bucket is a hole. */
const BUCKET_HOLE_FACTOR = 1.5;

export function readHistory(
  catalog: TierCatalog,
  gaps: (from: number, to: number) => GapSpan[],
  query: HistoryQuery,
): HistoryResult {
  const { from, to, maxPoints } = query;
  const keys = [...new Set(query.series)];
  const tier: StoreTier =
    to < from ? 'raw' : chooseTier(catalog, { from, to, maxRows: Math.ceil(ROWS_PER_POINT * maxPoints) }).tier;
  const index = SeriesIndex.of(keys);
  const points = keys.map(() => emptyPoints());
  if (to >= from) {
    const { reader } = catalog;
    if (tier === 'raw') drain(reader.raw(from, to, index, (ts, s, v) => pushReading(points[s]!, ts, v)));
    else
      drain(
        reader.aggregated(tier as RolledTier, from, to, index, (ts, s, min, avg, max, n) =>
          pushPoint(points[s]!, ts, min, avg, max, n),
        ),
      );
  }
  const unit = tier === 'raw' ? 1 : tierInfo(tier).ms;
  const span = Math.max(0, to - from);
  const longest = points.reduce((a, b) => (b.t.length > a.t.length ? b : a), emptyPoints());
  // The sampling interval in practice, from the readings themselves.
  const rawStep = tier === 'raw' ? medianStep(longest.t) || 1000 : unit;
  let width = 0;
  if (longest.t.length > maxPoints) {
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

function columnsFor(
  source: Points,
  tier: StoreTier,
  width: number,
  gaps: readonly GapSpan[],
  key: string,
): HistorySeries {
  const aggregated = tier !== 'raw' || width > 0;
  const step = medianStep(source.t);
  const points = width > 0 ? rebucket(source, width) : source;
  const pointWidth = width > 0 ? width : tierInfo(tier).ms;
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
