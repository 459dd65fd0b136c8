/**
 * Table shapes (for Kysely's types) and the storage tiers: the ONE list of tiers. Everything that
 * stores, rolls up, reads, counts or deletes by tier (rollup.ts, tier-reader.ts, retention.ts,
 * row-counts.ts, tier-choice.ts, synthetic-history.ts) walks `TIER_LIST`; clients learn it from
 * `status().db.rows`. A feature that keeps data of its own per tier (per-minute process history
 * rolled into the coarser tiers) walks the same list: see README.md, "Tiers".
 *
 * @example
 * tierInfo('1m').table  // 'rollup_1m'
 * tierInfo('5m').source // '1m'
 * ROLLED_TIERS.map((t) => t.name) // ['10s', '30s', '1m', '2m', '5m', '15m', '30m', '1h', '6h', '1d']
 */
import type { Generated } from 'kysely';
import type { Tier } from '../../../shared/tiers.js';

export interface SeriesTable {
  id: number;
  key: string;
}

export interface LayoutsTable {
  id: number;
  spec: string;
}

/** `samples` and every `rollup_<tier>` share this shape. */
export interface RowTable {
  ts: number;
  layout: number;
  data: Uint8Array;
}

/**
 * The rest of a wide rollup row (over PART_SERIES series): part p ≥ 1 of the row at `ts` has
 * `key` = p × PART_KEY_STRIDE + ts (migration 0005).
 */
export interface PartsTable {
  key: number;
  data: Uint8Array;
}

/** Rows per tier per counting span (migration 0005): what tier choice reads instead of COUNT(*). */
export interface RowCountsTable {
  tier: string;
  span: number;
  rows: number;
}

export interface GapsTable {
  from_ts: number;
  to_ts: number;
  reason: string;
}

export interface RollupStateTable {
  tier: string;
  done_until: number;
}

export interface MetaTable {
  key: string;
  value: string | null;
}

/** One alert from its first firing to its recovery (migration 0002). */
export interface AlertInstancesTable {
  id: Generated<number>;
  rule_id: string;
  rule_name: string;
  series: string;
  state: 'firing' | 'resolved';
  severity: string;
  since: number;
  fired_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  value: number | null;
  peak: number | null;
  threshold: number | null;
  /** JSON of `TopProcesses`. */
  top_processes: string | null;
}

export interface AlertEventsTable {
  id: Generated<number>;
  instance_id: number;
  at: number;
  kind: string;
  severity: string | null;
  value: number | null;
  /** 0 or 1. */
  notified: number;
  suppressed: string | null;
}

/** The evaluator's state per rule and series, as JSON the store does not interpret. */
export interface AlertStateTable {
  rule_id: string;
  series: string;
  state: string;
  updated_at: number;
}

export interface AlertSnoozesTable {
  /** A rule id, or `*` for every rule. */
  target: string;
  until: number;
}

export interface StoreDatabase {
  series: SeriesTable;
  layouts: LayoutsTable;
  samples: RowTable;
  rollup_1m: RowTable;
  rollup_1h: RowTable;
  row_counts: RowCountsTable;
  gaps: GapsTable;
  rollup_state: RollupStateTable;
  meta: MetaTable;
  alert_instances: AlertInstancesTable;
  alert_events: AlertEventsTable;
  alert_state: AlertStateTable;
  alert_snoozes: AlertSnoozesTable;
}

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The retention setting (`storage.retention.*`) that keeps a tier. */
export type RetentionKnob = 'rawDays' | 'minuteDays' | 'hourDays';

/**
 * The tiers, finest first. Each rollup tier is rolled from a finer one whose width divides its own
 * (`source`), so a bucket is recomputed from few rows. Most roll from the tier just before them;
 * 30 s, 2 min and 30 min are side steps (30 s from 10 s beside 1 min; 2 min from 1 min beside
 * 5 min, which it does not divide; 30 min from 15 min beside 1 h), so that from 10 s to 1 h every
 * width is at most 3× the one before it. History (history.ts) reads the coarsest tier with rows
 * for 0.6 of the points asked: with these steps the 13 ranges a user picks between 1 h and 5 y
 * read between ~1,300 and ~2,200 rollup rows for 2,000 points (1 h: 3,600 raw rows), so their
 * costs stay within ~3× of each other. The raw → 10 s step is 10×, which leaves a band of ranges
 * around two hours (at 1 Hz) with fewer points than asked, and 1 h → 6 h is 6×.
 *
 * `countSpan` is the span row-counts.ts counts rows in: an hour for fine tiers, about 24 buckets
 * for coarse ones, so counting a range reads a handful of counts plus two partial spans.
 */
export const TIER_LIST = [
  { name: 'raw', table: 'samples', ms: 0, source: null, keep: 'rawDays', countSpan: HOUR_MS },
  { name: '10s', table: 'rollup_10s', ms: 10 * SECOND_MS, source: 'raw', keep: 'rawDays', countSpan: HOUR_MS },
  { name: '30s', table: 'rollup_30s', ms: 30 * SECOND_MS, source: '10s', keep: 'rawDays', countSpan: HOUR_MS },
  { name: '1m', table: 'rollup_1m', ms: MINUTE_MS, source: '10s', keep: 'minuteDays', countSpan: HOUR_MS },
  // Only ranges of 2–4 days read 2 min; past rawDays the 1 min tier answers them (~49 MB a year less).
  { name: '2m', table: 'rollup_2m', ms: 2 * MINUTE_MS, source: '1m', keep: 'rawDays', countSpan: HOUR_MS },
  { name: '5m', table: 'rollup_5m', ms: 5 * MINUTE_MS, source: '1m', keep: 'minuteDays', countSpan: 2 * HOUR_MS },
  { name: '15m', table: 'rollup_15m', ms: 15 * MINUTE_MS, source: '5m', keep: 'minuteDays', countSpan: 6 * HOUR_MS },
  { name: '30m', table: 'rollup_30m', ms: 30 * MINUTE_MS, source: '15m', keep: 'minuteDays', countSpan: 12 * HOUR_MS },
  { name: '1h', table: 'rollup_1h', ms: HOUR_MS, source: '15m', keep: 'hourDays', countSpan: DAY_MS },
  { name: '6h', table: 'rollup_6h', ms: 6 * HOUR_MS, source: '1h', keep: 'hourDays', countSpan: 6 * DAY_MS },
  { name: '1d', table: 'rollup_1d', ms: DAY_MS, source: '6h', keep: 'hourDays', countSpan: 24 * DAY_MS },
] as const satisfies readonly {
  name: Tier;
  table: string;
  ms: number;
  source: Tier | null;
  keep: RetentionKnob;
  countSpan: number;
}[];

/** A tier this store keeps. */
export type StoreTier = (typeof TIER_LIST)[number]['name'];
/** A tier with buckets (every one but raw). */
export type RolledTier = Exclude<StoreTier, 'raw'>;

export interface TierInfo {
  readonly name: StoreTier;
  readonly table: string;
  /** Bucket width; 0 for raw rows, which are single readings. */
  readonly ms: number;
  /** The finer tier this one is rolled up from. */
  readonly source: StoreTier | null;
  readonly keep: RetentionKnob;
  readonly countSpan: number;
}

/** Finest first (by width; a tier's source always comes before it). */
export const TIER_ORDER: readonly StoreTier[] = TIER_LIST.map((tier) => tier.name);
/** Every tier with buckets, finest first. */
export const ROLLED_TIERS: readonly (TierInfo & { name: RolledTier; source: StoreTier })[] = TIER_LIST.filter(
  (tier): tier is Extract<(typeof TIER_LIST)[number], { name: RolledTier }> => tier.source !== null,
);

const BY_NAME = new Map<string, TierInfo>(TIER_LIST.map((tier) => [tier.name, tier]));

export function isStoreTier(name: string): name is StoreTier {
  return BY_NAME.has(name);
}

export function tierInfo(name: StoreTier): TierInfo {
  return BY_NAME.get(name)!;
}

/** The tiers rolled up from `name` (none for the coarsest; 10 s feeds 30 s and 1 min). */
export function tiersRolledFrom(name: StoreTier): RolledTier[] {
  return ROLLED_TIERS.filter((tier) => tier.source === name).map((tier) => tier.name);
}

/**
 * A rollup row of more series than this is stored in parts: the first PART_SERIES series in the
 * tier's table, the rest in `<table>_parts`, so a chart of a few series never reads the bytes of
 * hundreds of others (README.md, "Wide rows").
 */
export const PART_SERIES = 64;
/** Part p of the row at ts is keyed p × PART_KEY_STRIDE + ts in the parts table (ts < 2^42: year 2109). */
export const PART_KEY_STRIDE = 2 ** 42;

export function partsTable(tier: RolledTier): string {
  return `${tierInfo(tier).table}_parts`;
}

/** Start of the bucket of width `ms` holding `ts` (UTC-aligned). */
export function bucketStart(ts: number, ms: number): number {
  return Math.floor(ts / ms) * ms;
}
