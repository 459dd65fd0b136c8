/**
 * The range summary (cpu, memory, disk, record count, date range) plus a Summary of every series.
 * Uses raw rows when raw retention reaches back to `from` and the range is not too long for them
 * (STATS_ROW_BUDGET); otherwise the 1m (or 1h) tier, where
 * min is the min of mins, max the max of maxes, avg count-weighted, count the number of readings
 * behind the buckets, and p95 is taken over bucket averages. Memory stays bounded for any range:
 * two passes, no values kept (see percentile.ts).
 *
 * @example
 * readStats(reader, { from: now - DAY_MS }).cpu // { avg, min, max, p95, count } of cpu.total
 */
import type { StatsResult, Summary, Tier } from '../../../shared/queries.js';
import { isCounter, roundF32 } from './codec.js';
import { TwoPassQuantile } from './percentile.js';
import { SeriesIndex } from './series-index.js';
import { chooseTier } from './tier-choice.js';
import type { TierReader } from './tier-reader.js';

export interface StatsQuery {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/**
 * Stats read every value twice; beyond this many rows (~14 h of raw rows at 1 Hz, ~35 days of
 * 1m rows) the next tier answers instead, keeping a call within a few hundred ms.
 */
export const STATS_ROW_BUDGET = 50_000;

class Tally {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  sum = 0;
  count = 0;
  readonly p95 = new TwoPassQuantile(0.95);
}

export function readStats(reader: TierReader, query: StatsQuery): StatsResult {
  const from = query.from ?? 0;
  const to = query.to ?? Number.MAX_SAFE_INTEGER;
  const tier: Tier = to < from ? 'raw' : chooseTier(reader, { from, to, rowBudget: STATS_ROW_BUDGET });
  const index = SeriesIndex.open();
  const tallies: Tally[] = [];
  let first: number | null = null;
  let last: number | null = null;

  const scan = (visit: (ts: number, series: number, min: number, avg: number, max: number, count: number) => void) => {
    if (to < from) return;
    if (tier === 'raw') reader.scanRaw(from, to, index, (ts, s, v) => visit(ts, s, v, v, v, 1));
    else reader.scanAggregated(tier, from, to, index, visit);
  };
  scan((ts, s, min, avg, max, count) => {
    first ??= ts;
    last = ts;
    const tally = (tallies[s] ??= new Tally());
    if (min < tally.min) tally.min = min;
    if (max > tally.max) tally.max = max;
    tally.sum += avg * count;
    tally.count += count;
    tally.p95.first(avg);
  });
  // Every tally must prepare its second pass, so no short-circuiting `some`.
  const secondPass = tallies.map((tally) => tally.p95.needsSecondPass()).includes(true);
  if (secondPass) {
    scan((_ts, s, _min, avg) => tallies[s]!.p95.second(avg));
  }

  const metrics: Record<string, Summary> = {};
  tallies.forEach((tally, s) => {
    const key = index.keys[s]!;
    const round = tier === 'raw' && isCounter(key) ? (v: number) => v : roundF32;
    metrics[key] = {
      avg: round(tally.sum / tally.count),
      min: round(tally.min),
      max: round(tally.max),
      p95: round(tally.p95.value()),
      count: tally.count,
    };
  });
  const newestRaw = to < from ? null : reader.newest('raw');
  if (tier !== 'raw' && newestRaw !== null && newestRaw <= to && last !== null && newestRaw > last) last = newestRaw;
  return {
    cpu: metrics['cpu.total'] ?? null,
    memory: metrics['mem.percent'] ?? null,
    disk: metrics['disk.used_pct'] ?? null,
    totalRecords: to < from ? 0 : reader.count('raw', from, to),
    dateRange: { start: iso(first), end: iso(last) },
    resolution: tier,
    metrics,
  };
}

function iso(ts: number | null): string | null {
  return ts === null ? null : new Date(ts).toISOString();
}
