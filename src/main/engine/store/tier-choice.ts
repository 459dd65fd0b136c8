/**
 * Which tiers can answer a query starting at `from`: a tier qualifies when its data reaches
 * back to `from`, or when no coarser tier holds anything older (a fresh install has only raw
 * rows, and they are then the best answer for any range).
 *
 * @example
 * eligibleTiers(extents(reader), Date.now() - 30 * DAY_MS) // ['1m', '1h'] once raw keeps only 7 days
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
