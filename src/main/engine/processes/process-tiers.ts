/**
 * The process history's tiers: the store's one-minute and one-hour tiers (store/schema.ts), whose
 * retention they share. Minutes are written as passes add up; hours are rolled up from minutes.
 * The store's tiers in between (5 and 15 minutes) and beyond (6 hours, a day) are left out: a top
 * list over a range is a sum over buckets, so it is as fast from hours as from coarser buckets,
 * and each extra tier would cost disk for every app it names.
 *
 * @example
 * processTiers() // [{ tier: '1m', ms: 60_000, source: null, keep: 10 }, { tier: '1h', ms: 3_600_000, source: '1m', keep: 15 }]
 */
import { tierInfo, type StoreTier } from '../store/schema.js';

/** Finest first; each is rolled up from the one before it. */
const PROCESS_TIER_NAMES = ['1m', '1h'] as const satisfies readonly StoreTier[];

/** Apps each top list of a minute keeps: any minute's top 10 by CPU, memory and I/O is exact. */
export const MINUTE_KEEP = 10;
/**
 * Coarser buckets keep a few more, as an app's total there counts only the minutes in which it
 * made a top list: the margin keeps the coarse top 10 close to what exact totals would give.
 */
export const COARSE_KEEP = 15;

export interface ProcessTier {
  readonly tier: StoreTier;
  readonly ms: number;
  /** The tier it is rolled up from; null for minutes, which passes fill directly. */
  readonly source: StoreTier | null;
  readonly keep: number;
}

export function processTiers(): ProcessTier[] {
  return PROCESS_TIER_NAMES.map((tier, i) => {
    const rolled = i > 0;
    return {
      tier,
      ms: tierInfo(tier).ms,
      source: rolled ? PROCESS_TIER_NAMES[i - 1]! : null,
      keep: rolled ? COARSE_KEEP : MINUTE_KEEP,
    };
  });
}
