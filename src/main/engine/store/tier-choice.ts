/**
 * Which tier answers a query. A tier can answer from `from` when its data reaches back that far,
 * or when no coarser tier holds anything older (a fresh install has only raw rows, and they are
 * then the best answer for any range). Among those, a query takes the finest whose rows in the
 * range, counted for real (row-counts.ts, plus the not yet rolled tail it would aggregate on the
 * fly), fit its row budget. Never an estimate from the newest rows: a
 * sampling interval that changed, a pause or a gap cannot make it read ten times too many rows.
 *
 * @example
 * eligibleTiers(extents(reader), Date.now() - 30 * DAY_MS) // ['1m', '5m', '15m', '1h', '6h', '1d']
 * chooseTier(catalog, { from, to, maxRows: 7000 }) // { tier: '5m', rows: 2016, coarser: ['15m', '1h', '6h', '1d'] }
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

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export function extents(reader: TierReader): Record<StoreTier, TierExtent> {
  const out = {} as Record<StoreTier, TierExtent>;
  let finer: number | null = null;
  for (const tier of TIER_LIST) {
    const stored = reader.oldest(tier.name);
    const start: number | null =
      tier.ms === 0 ? stored : minOf(stored, finer === null ? null : bucketStart(finer, tier.ms));
    out[tier.name] = { stored, start };
    finer = start;
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

/**
 * The finest eligible tier whose rows in [from, to] are at most `maxRows`; when none is, the
 * finest whose rows are within OVER_BUDGET_SLACK of the fewest any tier reads.
 */
export function chooseTier(catalog: TierCatalog, query: { from: number; to: number; maxRows: number }): TierChoice {
  const eligible = eligibleTiers(extents(catalog.reader), query.from);
  const choice = (tier: StoreTier, rows: number): TierChoice => ({
    tier,
    rows,
    coarser: eligible.slice(eligible.indexOf(tier) + 1),
  });
  const costs: { tier: StoreTier; rows: number }[] = [];
  for (const tier of eligible) {
    const rows = rowsToRead(catalog, tier, query.from, query.to);
    if (rows <= query.maxRows) return choice(tier, rows);
    costs.push({ tier, rows });
  }
  const fewest = Math.min(...costs.map((c) => c.rows));
  const pick = costs.find((c) => c.rows <= fewest * OVER_BUDGET_SLACK)!;
  return choice(pick.tier, pick.rows);
}
