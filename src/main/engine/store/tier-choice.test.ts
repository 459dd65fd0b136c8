import { describe, expect, it } from 'vitest';
import type { Watermarks } from './catalog-statements.js';
import { DAY_MS, TIER_LIST, type RolledTier, type StoreTier } from './schema.js';
import { eligibleTiers, extents } from './tier-choice.js';
import type { TierReader } from './tier-reader.js';
import { T0 } from './test-support.js';

/** A store's oldest rows and watermarks, as tier choice sees them. */
function catalogOf(oldest: Partial<Record<StoreTier, number>>, watermarks: Partial<Record<RolledTier, number>> = {}) {
  const reader = { oldest: (tier: StoreTier) => oldest[tier] ?? null } as unknown as TierReader;
  const marks = { get: (tier: RolledTier) => watermarks[tier] ?? null } as unknown as Watermarks;
  return extents(reader, marks);
}

/** Every tier holding rows from `from`, except those listed in `except`. */
function allFrom(from: number, except: Partial<Record<StoreTier, number>> = {}): Partial<Record<StoreTier, number>> {
  return Object.fromEntries(TIER_LIST.map((t) => [t.name, t.name in except ? except[t.name] : from]));
}

describe('tier extents', () => {
  it('starts a tier with rows of its own at its oldest row, even when its source reaches further back', () => {
    // 2 min keeps rawDays (7), 1 min minuteDays (90): the 1-minute rows before day 83 are not the 2-minute tier's.
    const ext = catalogOf(
      allFrom(T0, { raw: T0 + 83 * DAY_MS, '10s': T0 + 83 * DAY_MS, '30s': T0 + 83 * DAY_MS, '2m': T0 + 83 * DAY_MS }),
    );
    expect(ext['2m']).toEqual({ stored: T0 + 83 * DAY_MS, start: T0 + 83 * DAY_MS });
    expect(ext['5m'].start).toBe(T0);
    expect(eligibleTiers(ext, T0 + 60 * DAY_MS)).toEqual(['1m', '5m', '15m', '30m', '1h', '6h', '1d']);
    expect(eligibleTiers(ext, T0 + 85 * DAY_MS)[0]).toBe('raw');
  });

  it('shows a tier without rows through its source: all of it before the first rollup, from the watermark after', () => {
    // A tier added by a migration, not rolled yet: everything it can show is its source's.
    const fresh = catalogOf(allFrom(T0, { '2m': undefined }));
    expect(fresh['2m']).toEqual({ stored: null, start: T0 });
    // Rolled and then emptied by retention: only what comes after its watermark is read through the source.
    const emptied = catalogOf(allFrom(T0, { '2m': undefined }), { '2m': T0 + 5 * DAY_MS });
    expect(emptied['2m']).toEqual({ stored: null, start: T0 + 5 * DAY_MS });
    // Nothing anywhere: nothing to show, and raw answers.
    const empty = catalogOf({});
    expect(empty['1h']).toEqual({ stored: null, start: null });
    expect(eligibleTiers(empty, T0)).toEqual(['raw']);
  });
});
