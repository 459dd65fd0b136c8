/**
 * Storage tiers as clients see them: `raw`, or a rollup named by its bucket width (`10s`, `1m`,
 * `5m`, `1h`, `1d`). Which tiers exist is decided in one place, the engine's store
 * (src/main/engine/store/schema.ts); clients learn the list from `status().db.rows`, finest
 * first, and these helpers read a tier's name.
 *
 * @example
 * tierWidthMs('15m') // 900000
 * tierWords('1h')    // '1-hour'
 */

export type Tier = 'raw' | `${number}${'s' | 'm' | 'h' | 'd'}`;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const UNIT_WORD = { s: 'second', m: 'minute', h: 'hour', d: 'day' } as const;

/** `raw`, or a whole number and a unit of s, m, h or d. */
export const TIER_NAME_PATTERN = /^(raw|[1-9]\d{0,3}[smhd])$/;

export function isTierName(text: string): text is Tier {
  return TIER_NAME_PATTERN.test(text);
}

/** The width of a rollup tier's buckets; 0 for raw. */
export function tierWidthMs(tier: Tier): number {
  if (tier === 'raw') return 0;
  return Number(tier.slice(0, -1)) * UNIT_MS[tier.slice(-1) as keyof typeof UNIT_MS];
}

/** `raw`, `10-second`, `1-minute`, `6-hour`: the tier's name in words. */
export function tierWords(tier: Tier): string {
  if (tier === 'raw') return 'raw';
  return `${tier.slice(0, -1)}-${UNIT_WORD[tier.slice(-1) as keyof typeof UNIT_WORD]}`;
}
