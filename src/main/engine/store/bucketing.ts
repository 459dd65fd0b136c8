/**
 * Pure helpers for history answers: per-series point columns, re-bucketing to a coarser
 * width, and turning points into chart columns with explicit `null` breaks (never a line
 * drawn across a hole).
 *
 * @example
 * const coarse = rebucket(points, 300_000);
 * const column = toColumns(coarse, { width: 300_000, threshold: 450_000, gaps: [] }, true, roundF32);
 */
import type { HistorySeries } from '../../../shared/queries.js';
import { BucketAccumulator } from './bucket-accumulator.js';

/**
 * One series' points in time order. Raw readings fill only `t` and `avg` (min = max = avg,
 * count 1): a third of the work on the raw path, which reads the most points.
 */
export interface Points {
  readonly t: number[];
  readonly avg: number[];
  readonly min: number[];
  readonly max: number[];
  readonly count: number[];
}

export function emptyPoints(): Points {
  return { t: [], min: [], avg: [], max: [], count: [] };
}

export function pushReading(p: Points, t: number, value: number): void {
  p.t.push(t);
  p.avg.push(value);
}

export function pushPoint(p: Points, t: number, min: number, avg: number, max: number, count: number): void {
  p.t.push(t);
  p.min.push(min);
  p.avg.push(avg);
  p.max.push(max);
  p.count.push(count);
}

/** Groups points into buckets of `width` ms aligned to multiples of `width` (UTC epoch). */
export function rebucket(points: Points, width: number): Points {
  const out = emptyPoints();
  const acc = new BucketAccumulator(width, (start, _series, min, avg, max, count) =>
    pushPoint(out, start, min, avg, max, count),
  );
  const { t, avg, min, max, count } = points;
  if (count.length === 0) {
    for (let i = 0; i < t.length; i++) acc.add(t[i]!, 0, avg[i]!, avg[i]!, avg[i]!, 1);
  } else {
    for (let i = 0; i < t.length; i++) acc.add(t[i]!, 0, min[i]!, avg[i]!, max[i]!, count[i]!);
  }
  acc.finish();
  return out;
}

/** Median spacing of the timestamps (from up to ~2000 evenly picked deltas); NaN with fewer than 2. */
export function medianStep(t: readonly number[]): number {
  const n = t.length - 1;
  if (n < 1) return Number.NaN;
  const stride = Math.max(1, Math.floor(n / 2000));
  const deltas: number[] = [];
  for (let i = 1; i <= n; i += stride) deltas.push(t[i]! - t[i - 1]!);
  deltas.sort((a, b) => a - b);
  return deltas[deltas.length >> 1]!;
}

/**
 * The median spacing of one series' timestamps, taken while they stream by: every `stride`-th
 * delta is kept, and the stride doubles whenever 4,096 are kept, so memory stays bounded.
 *
 * @example
 * const steps = new StepSampler();
 * for (const t of times) steps.add(t);
 * steps.median() // 1000
 */
export class StepSampler {
  private last = Number.NaN;
  private deltas: number[] = [];
  private stride = 1;
  private seen = 0;

  add(t: number): void {
    if (t === this.last) return;
    if (!Number.isNaN(this.last) && this.seen++ % this.stride === 0) {
      this.deltas.push(t - this.last);
      if (this.deltas.length >= 4096) {
        this.deltas = this.deltas.filter((_, i) => i % 2 === 0);
        this.stride *= 2;
      }
    }
    this.last = t;
  }

  /** NaN with fewer than two timestamps. */
  median(): number {
    if (this.deltas.length === 0) return Number.NaN;
    const sorted = [...this.deltas].sort((a, b) => a - b);
    return sorted[sorted.length >> 1]!;
  }
}

export interface GapSpan {
  readonly from: number;
  readonly to: number;
}

export interface BreakRule {
  /** Bucket width of the points; 0 for single readings. */
  readonly width: number;
  /** Consecutive points further apart than this have a hole between them. */
  readonly threshold: number;
  /** Recorded gaps, sorted by `from`, not overlapping. */
  readonly gaps: readonly GapSpan[];
}

/**
 * Chart columns with a `null` point wherever a recorded gap crosses between two points or the
 * points are further apart than the threshold (empty buckets). `round` tidies each value.
 */
export function toColumns(
  points: Points,
  rule: BreakRule,
  aggregated: boolean,
  round: (v: number) => number,
): HistorySeries {
  const t: number[] = [];
  const avg: (number | null)[] = [];
  const min: (number | null)[] = [];
  const max: (number | null)[] = [];
  const push = (time: number, a: number | null, lo: number | null, hi: number | null) => {
    t.push(time);
    avg.push(a);
    if (aggregated) {
      min.push(lo);
      max.push(hi);
    }
  };
  const n = points.t.length;
  const readings = points.count.length === 0;
  let g = 0;
  for (let i = 0; i < n; i++) {
    const time = points.t[i]!;
    const value = round(points.avg[i]!);
    if (readings) push(time, value, value, value);
    else push(time, value, round(points.min[i]!), round(points.max[i]!));
    if (i + 1 === n) break;
    const next = points.t[i + 1]!;
    const end = time + rule.width;
    // A gap crosses when it starts before the next point and ends after this point's span.
    while (g < rule.gaps.length && (rule.width === 0 ? rule.gaps[g]!.to <= end : rule.gaps[g]!.to < end)) g++;
    const crossed = g < rule.gaps.length && rule.gaps[g]!.from < next;
    if (crossed || next - time > rule.threshold) {
      const at = rule.width > 0 && next - time >= 2 * rule.width ? time + rule.width : Math.floor((time + next) / 2);
      push(at, null, null, null);
    }
  }
  return aggregated ? { t, avg, min, max } : { t, avg };
}
