/**
 * Which tiers can answer a query starting at `from`: a tier qualifies when its data reaches
 * back to `from`, or when no coarser tier holds anything older (a fresh install has only raw
 * rows, and they are then the best answer for any range).
 *
 * Among those, queries take the finest whose (estimated) row count over the range fits their
 * row budget, which bounds the time a query can hold the event loop.
 *
 * @example
 * eligibleTiers(extents(reader), Date.now() - 30 * DAY_MS) // ['1m', '1h'] once raw keeps only 7 days
 * chooseTier(reader, { from, to, rowBudget: 16_000 }) // '1m'
 */
import type { Tier } from '../../../shared/queries.js';
import { TIERS, TIER_ORDER, bucketStart } from './schema.js';
import type { TierReader } from './tier-reader.js';

export interface TierExtent {
  /** Oldest row in the tier's own table. */
  readonly stored: number | null;
  /** Oldest data the tier can show, counting the finer tiers it aggregates on the fly. */
  readonly start: number | null;
}

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export function extents(reader: TierReader): Record<Tier, TierExtent> {
  const raw = reader.oldest('raw');
  const m1 = reader.oldest('1m');
  const h1 = reader.oldest('1h');
  const start1m = minOf(m1, raw === null ? null : bucketStart(raw, TIERS['1m'].ms));
  const start1h = minOf(h1, start1m === null ? null : bucketStart(start1m, TIERS['1h'].ms));
  return {
    raw: { stored: raw, start: raw },
    '1m': { stored: m1, start: start1m },
    '1h': { stored: h1, start: start1h },
  };
}

/** Tiers able to answer from `from`, finest first; never empty (raw when there is no data). */
export function eligibleTiers(ext: Record<Tier, TierExtent>, from: number): Tier[] {
  const eligible = TIER_ORDER.filter((tier, i) => {
    const start = ext[tier].start;
    if (start === null) return false;
    if (start <= from) return true;
    // A coarser tier whose oldest bucket ends before our start holds data we lack.
    return TIER_ORDER.slice(i + 1).every((coarser) => {
      const stored = ext[coarser].stored;
      return stored === null || stored + TIERS[coarser].ms > start;
    });
  });
  return eligible.length > 0 ? eligible : ['raw'];
}

/**
 * The finest eligible tier whose rows in [from, to] are estimated at most `rowBudget`, else the
 * coarsest. Estimates come from the sampling interval (raw) or the bucket width, not COUNT(*),
 * which would read the rows it is trying to avoid.
 */
export function chooseTier(
  reader: TierReader,
  query: { from: number; to: number; rowBudget: number; rawStep?: number },
): Tier {
  const ext = extents(reader);
  const candidates = eligibleTiers(ext, query.from);
  const newest = reader.newest('raw') ?? reader.newest('1m') ?? reader.newest('1h') ?? query.to;
  const rawStep = query.rawStep ?? reader.rawStep();
  for (const tier of candidates) {
    const start = ext[tier].start ?? query.from;
    const span = Math.min(query.to, newest) - Math.max(query.from, start);
    const estimate = span < 0 ? 0 : span / (tier === 'raw' ? rawStep : TIERS[tier].ms) + 1;
    if (estimate <= query.rowBudget) return tier;
  }
  return candidates[candidates.length - 1]!;
}
