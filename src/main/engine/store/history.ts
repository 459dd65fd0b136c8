/**
 * History for charts: picks the tier, reads only the requested series, re-buckets to at most
 * `maxPoints` points per series, and marks holes with `null`s. Never interpolates.
 *
 * Tier rule (tier-choice.ts): among the tiers whose data reaches back to `from` and whose rows in
 * the range, counted for real, come to at most ROWS_PER_POINT × maxPoints, the coarsest that
 * still has ENOUGH_POINTS × maxPoints rows (or as many as the finest tier has, when it has
 * fewer): a query reads no more rows than its answer needs, so its cost follows its answer. A
 * coarser tier whose buckets come out as wide as that tier's re-bucketed answer answers instead
 * (the same points from fewer rows; planTier). With the tier ladder in schema.ts that answers
 * every range from a few hours to 5 years with between 0.5× and 1× the points asked, reading at
 * most ~3 rows per point.
 *
 * @example
 * readHistory(catalog, gaps, { series: ['cpu.total'], from: now - DAY_MS, to: now, maxPoints: 2000 })
 * // { tier: '1m', aggregated: true, bucketMs: 60000, series: { 'cpu.total': { t, avg, min, max } } }
 */
import type { HistoryResult, HistorySeries } from '../../../shared/queries.js';
import { BucketAccumulator } from './bucket-accumulator.js';
import {
  StepSampler,
  emptyPoints,
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
import { chooseTier, rowsToRead, type TierCatalog } from './tier-choice.js';

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
 * the points asked. The tier read is usually coarser than this allows (ENOUGH_POINTS).
 */
export const ROWS_PER_POINT = 3.5;
/**
 * The coarsest tier with rows for this share of the points asked answers: above the half every
 * answer promises, so that where a tier would come close to it the finer one answers instead.
 */
export const ENOUGH_POINTS = 0.6;

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
  const plan = to < from ? { tier: 'raw' as StoreTier, width: 0 } : planTier(catalog, query);
  const { tier } = plan;
  let { width } = plan;
  const unit = tier === 'raw' ? 1 : tierInfo(tier).ms;
  const span = Math.max(0, to - from);
  const points = keys.map(() => emptyPoints());
  const steps = keys.map(() => new StepSampler());
  if (to >= from) {
    const acc =
      width > 0
        ? new BucketAccumulator(width, (t, s, min, avg, max, n) => pushPoint(points[s]!, t, min, avg, max, n))
        : null;
    const { reader } = catalog;
    if (tier === 'raw')
      drain(
        reader.raw(from, to, SeriesIndex.of(keys), (ts, s, v) => {
          steps[s]!.add(ts);
          if (acc) acc.add(ts, s, v, v, v, 1);
          else pushReading(points[s]!, ts, v);
        }),
      );
    else
      drain(
        reader.aggregated(tier as RolledTier, from, to, SeriesIndex.of(keys), (ts, s, min, avg, max, n) => {
          steps[s]!.add(ts);
          if (acc) acc.add(ts, s, min, avg, max, n);
          else pushPoint(points[s]!, ts, min, avg, max, n);
        }),
      );
    acc?.finish();
  }
  const rawStep = tier === 'raw' ? stepOfLongest(points, steps) : unit;
  const holeGaps = gaps(from, to);
  let bucketed = points;
  for (;;) {
    const series: Record<string, HistorySeries> = {};
    let fits = true;
    keys.forEach((key, s) => {
      const column = columnsFor(bucketed[s]!, tier, width, steps[s]!.median(), holeGaps, key);
      if (column.t.length > maxPoints) fits = false;
      series[key] = column;
    });
    if (fits) {
      const bucketMs = width > 0 ? width : tier === 'raw' ? rawStep : unit;
      return { from, to, tier, bucketMs, aggregated: tier !== 'raw' || width > 0, series };
    }
    // Breaks add points; widen (to a multiple of the width, so buckets stay whole) until everything fits.
    const step = width > 0 ? width : unit;
    width = roundUp(Math.max(width * 2, tier === 'raw' ? 2 * rawStep : unit, Math.ceil(span / maxPoints)), step);
    bucketed = bucketed.map((p) => rebucket(p, width));
  }
}

/**
 * The tier to read and the width of the answer's buckets (0: one point per row). The rows counted
 * say how many points there will be, so the answer is bucketed to its width while the rows stream
 * by, rather than kept point by point and re-bucketed afterwards.
 *
 * When that width is also a whole number of a coarser tier's buckets, the coarser tier answers:
 * its buckets are the finer ones already folded together, so the points are the same and the
 * rows fewer (14 days for 2,000 points: 1,344 quarter-hour rows, not 4,032 five-minute rows
 * folded three by three).
 */
function planTier(catalog: TierCatalog, query: HistoryQuery): { tier: StoreTier; width: number } {
  const { from, to, maxPoints } = query;
  const choice = chooseTier(catalog, {
    from,
    to,
    maxRows: Math.ceil(ROWS_PER_POINT * maxPoints),
    enoughRows: Math.ceil(ENOUGH_POINTS * maxPoints),
  });
  let plan = { tier: choice.tier, rows: choice.rows, width: bucketWidth(choice.tier, choice.rows, query) };
  if (plan.tier === 'raw' || plan.width === 0) return plan;
  for (const tier of choice.coarser) {
    const { ms } = tierInfo(tier);
    // 5 min does not divide into 2 min buckets, but 30 min may still fit: try every coarser tier.
    if (plan.width % ms !== 0) continue;
    const rows = rowsToRead(catalog, tier, from, to);
    const width = bucketWidth(tier, rows, query);
    if (rows < plan.rows && (width === 0 ? ms : width) === plan.width) plan = { tier, rows, width };
  }
  return plan;
}

/** Width of the answer's buckets when `tier` answers with `rows` rows; 0 when they fit as they are. */
function bucketWidth(tier: StoreTier, rows: number, { from, to, maxPoints }: HistoryQuery): number {
  if (rows <= maxPoints) return 0;
  const unit = tier === 'raw' ? 1 : tierInfo(tier).ms;
  const span = Math.max(0, to - from);
  const minimum = tier === 'raw' ? 2 * Math.max(1, Math.floor(span / rows)) : unit;
  const width = roundUp(Math.max(minimum, Math.ceil(span / maxPoints)), unit);
  // Buckets sit on multiples of the width, so a range starting inside one spans one more.
  if (Math.floor(to / width) - Math.floor(from / width) + 1 > maxPoints && maxPoints > 1) {
    return roundUp(Math.max(minimum, Math.ceil(span / (maxPoints - 1))), unit);
  }
  return width;
}

/** The median reading interval of the series with the most points (1 s when none has two). */
function stepOfLongest(points: readonly Points[], steps: readonly StepSampler[]): number {
  let best = -1;
  points.forEach((p, s) => {
    if (best < 0 || p.t.length > points[best]!.t.length) best = s;
  });
  const median = best < 0 ? Number.NaN : steps[best]!.median();
  return Number.isNaN(median) ? 1000 : median;
}

/** Chart columns of points already at their width (0: single raw readings), with `null` at holes. */
function columnsFor(
  points: Points,
  tier: StoreTier,
  width: number,
  step: number,
  gaps: readonly GapSpan[],
  key: string,
): HistorySeries {
  const aggregated = tier !== 'raw' || width > 0;
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
