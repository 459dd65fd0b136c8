/**
 * The range summary (cpu, memory, disk, record count, date range) plus a Summary of every series.
 * Reads raw rows when they reach back to `from` and the range holds at most STATS_ROW_BUDGET of
 * them (counted for real, see tier-choice.ts); otherwise the finest rollup tier that fits, where
 * min is the min of mins, max the max of maxes, avg count-weighted, count the number of readings
 * behind the buckets, and p95 is taken over bucket averages.
 *
 * Memory does not grow with the range or the number of rows: one pass, and per series a running
 * min/max/sum and a QuantileSketch (exact up to 256 values, then within 1 %; percentile.ts), a
 * few KB each. The scan yields to the event loop between chunks (pacer.ts), so a long one never
 * blocks the engine.
 *
 * @example
 * (await readStats(catalog, { from: now - DAY_MS }, new Pacer())).cpu // { avg, min, max, p95, count }
 */
import type { StatsResult, Summary } from '../../../shared/queries.js';
import { isCounter, roundF32 } from './codec.js';
import type { Pacer } from './pacer.js';
import { QuantileSketch } from './percentile.js';
import type { Scan } from './row-scans.js';
import type { RolledTier, StoreTier } from './schema.js';
import { SeriesIndex } from './series-index.js';
import { chooseTier, rowsToRead, type TierCatalog } from './tier-choice.js';

export interface StatsQuery {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/**
 * Rows a stats call reads at most when a coarser tier can answer instead: ~14 h of raw rows at
 * 1 Hz, ~6 days of 10 s rows, ~35 days of 1 min rows.
 */
export const STATS_ROW_BUDGET = 50_000;

class Tally {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  sum = 0;
  count = 0;
  readonly p95 = new QuantileSketch(0.95);
}

export async function readStats(catalog: TierCatalog, query: StatsQuery, pacer: Pacer): Promise<StatsResult> {
  const from = query.from ?? 0;
  const to = query.to ?? Number.MAX_SAFE_INTEGER;
  const tier: StoreTier = to < from ? 'raw' : chooseTier(catalog, { from, to, maxRows: STATS_ROW_BUDGET }).tier;
  const totalRecords = to < from ? 0 : rowsToRead(catalog, 'raw', from, to);
  const index = SeriesIndex.open();
  const tallies: Tally[] = [];
  let first: number | null = null;
  let last: number | null = null;

  const visit = (ts: number, s: number, min: number, avg: number, max: number, count: number) => {
    first ??= ts;
    last = ts;
    const tally = (tallies[s] ??= new Tally());
    if (min < tally.min) tally.min = min;
    if (max > tally.max) tally.max = max;
    tally.sum += avg * count;
    tally.count += count;
    tally.p95.add(avg);
  };
  if (to >= from) {
    const { reader } = catalog;
    const scan: Scan =
      tier === 'raw'
        ? reader.raw(from, to, index, (ts, s, v) => visit(ts, s, v, v, v, 1))
        : reader.aggregated(tier as RolledTier, from, to, index, visit);
    while (scan.step()) await pacer.turn();
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
  const newestRaw = to < from ? null : catalog.reader.newest('raw');
  if (tier !== 'raw' && newestRaw !== null && newestRaw <= to && last !== null && newestRaw > last) last = newestRaw;
  return {
    cpu: metrics['cpu.total'] ?? null,
    memory: metrics['mem.percent'] ?? null,
    disk: metrics['disk.used_pct'] ?? null,
    totalRecords,
    dateRange: { start: iso(first), end: iso(last) },
    resolution: tier,
    metrics,
  };
}

function iso(ts: number | null): string | null {
  return ts === null ? null : new Date(ts).toISOString();
}
