/**
 * Which tier answers a query. A tier can answer from `from` when its data reaches back that far,
 * or when no coarser tier holds anything older (a fresh install has only raw rows, and they are
 * then the best answer for any range). Among those, the rows each would read in the range are
 * counted for real (row-counts.ts, plus the not yet rolled tail it would aggregate on the fly),
 * and a query takes the finest that fits its row budget, or (history) the coarsest that fits and
 * still has enough rows for its answer. Never an estimate from the newest rows: a sampling
 * interval that changed, a pause or a gap cannot make it read ten times too many rows.
 *
 * @example
 * eligibleTiers(extents(reader, watermarks), Date.now() - 30 * DAY_MS) // ['1m', '5m', '15m', '30m', '1h', '6h', '1d']
 * chooseTier(catalog, { from, to, maxRows: 7000 }) // 7 d: { tier: '2m', rows: 5040, coarser: ['5m', '15m', …] }
 * chooseTier(catalog, { from, to, maxRows: 7000, enoughRows: 1000 }) // 7 d: { tier: '5m', rows: 2016, … }
 */
import type { Watermarks } from './catalog-statements.js';
import type { RowCounts } from './row-counts.js';
import { TIER_LIST, TIER_ORDER, bucketStart, tierInfo, type RolledTier, type StoreTier } from './schema.js';
import type { TierReader } from './tier-reader.js';
import type { WriteBuffer } from './write-buffer.js';

export interface TierExtent {
  /** Oldest row in the tier's own table. */
  readonly stored: number | null;
  /** Oldest data the tier can show, counting the finer tiers it aggregates on the fly. */
  readonly start: number | null;
}

/**
 * What each tier can show. A rollup tier reads its own rows up to its watermark and its source
 * past it (TierReader.aggregated), so its past begins at its oldest row: a tier kept for fewer
 * days than its source (2 min for `rawDays` over 1 min for `minuteDays`) cannot show the
 * source's older rows. Only a tier without rows of its own shows its source's, from the
 * watermark on (or all of them, before its first rollup).
 */
export function extents(reader: TierReader, watermarks: Watermarks): Record<StoreTier, TierExtent> {
  const out = {} as Record<StoreTier, TierExtent>;
  for (const tier of TIER_LIST) {
    const stored = reader.oldest(tier.name);
    let start = stored;
    if (tier.source !== null && stored === null) {
      // A tier's source comes before it in the list: its extent is known.
      const finer = out[tier.source].start;
      const watermark = watermarks.get(tier.name as RolledTier);
      start = finer === null ? null : Math.max(bucketStart(finer, tier.ms), watermark ?? Number.NEGATIVE_INFINITY);
    }
    out[tier.name] = { stored, start };
  }
  return out;
}

/** Tiers able to answer from `from`, finest first; never empty (raw when there is no data). */
export function eligibleTiers(ext: Record<StoreTier, TierExtent>, from: number): StoreTier[] {
  const eligible = TIER_ORDER.filter((tier, i) => {
    const start = ext[tier].start;
    if (start === null) return false;
    if (start <= from) return true;
    // A coarser tier whose oldest bucket ends before our start holds data we lack.
    return TIER_ORDER.slice(i + 1).every((coarser) => {
      const stored = ext[coarser].stored;
      return stored === null || stored + tierInfo(coarser).ms > start;
    });
  });
  return eligible.length > 0 ? eligible : ['raw'];
}

/** What tier choice reads: the extents, the real row counts and where each rollup stops. */
export interface TierCatalog {
  readonly reader: TierReader;
  readonly counts: RowCounts;
  readonly watermarks: Watermarks;
  readonly buffer: WriteBuffer;
}

/** Rows a scan of `tier` over [from, to] reads: its stored rows to the watermark, then its tail's. */
export function rowsToRead(catalog: TierCatalog, tier: StoreTier, from: number, to: number): number {
  if (to < from) return 0;
  if (tier === 'raw') return catalog.counts.count('raw', from, to) + catalog.buffer.rowsInRange(from, to).length;
  const { ms, source } = tierInfo(tier);
  const alignedFrom = bucketStart(from, ms);
  const watermark = catalog.watermarks.get(tier as RolledTier);
  const tailStart = watermark === null ? alignedFrom : Math.max(alignedFrom, watermark);
  const stored = tailStart > alignedFrom ? catalog.counts.count(tier, alignedFrom, Math.min(to, tailStart - 1)) : 0;
  return stored + (tailStart <= to ? rowsToRead(catalog, source!, tailStart, to) : 0);
}

/**
 * When no tier fits the budget, what every tier must read anyway (rows not rolled up yet, read
 * through to raw) decides; the finest tier within this factor of the cheapest answers.
 */
const OVER_BUDGET_SLACK = 1.25;

export interface TierChoice {
  readonly tier: StoreTier;
  /** Rows a scan of it over the range reads (rowsToRead). */
  readonly rows: number;
  /** The eligible tiers coarser than `tier`, finest first (history may answer from one of them). */
  readonly coarser: readonly StoreTier[];
}

export interface TierQuery {
  readonly from: number;
  readonly to: number;
  /** The most rows a scan should read. */
  readonly maxRows: number;
  /**
   * Rows that are enough (history: 0.6 of the points asked). When given, the coarsest tier within
   * `maxRows` that still has this many rows (or as many as the finest eligible tier, if that has
   * fewer) answers, so a query reads no more rows than its answer needs; without it, the finest
   * tier within `maxRows` does (stats, which wants every reading it can afford).
   */
  readonly enoughRows?: number;
}

/**
 * The tier a query reads (see TierQuery); when no tier is within `maxRows`, the finest whose rows
 * are within OVER_BUDGET_SLACK of the fewest any tier reads.
 */
export function chooseTier(catalog: TierCatalog, query: TierQuery): TierChoice {
  const eligible = eligibleTiers(extents(catalog.reader, catalog.watermarks), query.from);
  const choice = ({ tier, rows }: { tier: StoreTier; rows: number }): TierChoice => ({
    tier,
    rows,
    coarser: eligible.slice(eligible.indexOf(tier) + 1),
  });
  const costs: { tier: StoreTier; rows: number }[] = [];
  let enough: { tier: StoreTier; rows: number } | null = null;
  for (const tier of eligible) {
    const cost = { tier, rows: rowsToRead(catalog, tier, query.from, query.to) };
    costs.push(cost);
    if (cost.rows > query.maxRows) continue;
    if (query.enoughRows === undefined) return choice(cost);
    // Rows shrink from finer to coarser tiers: past the first with too few, none has enough.
    if (cost.rows < Math.min(query.enoughRows, costs[0]!.rows)) return choice(enough ?? cost);
    // A coarser tier only when it reads fewer rows: equal counts keep the finer, exact values.
    if (!enough || cost.rows < enough.rows) enough = cost;
  }
  if (enough) return choice(enough);
  const fewest = Math.min(...costs.map((c) => c.rows));
  return choice(costs.find((c) => c.rows <= fewest * OVER_BUDGET_SLACK)!);
}
