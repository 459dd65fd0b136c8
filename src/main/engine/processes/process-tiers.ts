/**
 * The process history's tiers are the store's, from its schema (store/schema.ts), from one
 * minute up: minutes are written as passes add up, and each coarser tier is rolled up from the
 * tier the store rolls it from. Adding a tier to the store adds it here, with its retention.
 *
 * @example
 * processTiers() // [{ tier: '1m', ms: 60_000, source: null, keep: 10 }, { tier: '1h', ms: 3_600_000, source: '1m', keep: 15 }]
 */
import type { Tier } from '../../../shared/queries.js';
import { MINUTE_MS, TIERS, TIER_ORDER } from '../store/schema.js';

/** Apps each top list of a minute keeps: any minute's top 10 by CPU, memory and I/O is exact. */
export const MINUTE_KEEP = 10;
/**
 * Coarser buckets keep a few more, as an app's total there counts only the minutes in which it
 * made a top list: the margin keeps the coarse top 10 close to what exact totals would give.
 */
export const COARSE_KEEP = 15;

export interface ProcessTier {
  readonly tier: Tier;
  readonly ms: number;
  /** The tier it is rolled up from; null for minutes, which passes fill directly. */
  readonly source: Tier | null;
  readonly keep: number;
}

export function processTiers(): ProcessTier[] {
  return TIER_ORDER.filter((tier) => TIERS[tier].ms >= MINUTE_MS).map((tier) => {
    const { ms, source } = TIERS[tier];
    const rolled = source !== null && TIERS[source].ms >= MINUTE_MS;
    return { tier, ms, source: rolled ? source : null, keep: rolled ? COARSE_KEEP : MINUTE_KEEP };
  });
}
