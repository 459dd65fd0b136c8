/**
 * Table shapes (for Kysely's types) and the tier constants shared by the store's modules.
 *
 * @example
 * TIERS['1m'].table // 'rollup_1m'
 */
import type { Generated } from 'kysely';
import type { Tier } from '../../../shared/queries.js';

export interface SeriesTable {
  id: number;
  key: string;
}

export interface LayoutsTable {
  id: number;
  spec: string;
}

/** `samples`, `rollup_1m` and `rollup_1h` share this shape. */
export interface RowTable {
  ts: number;
  layout: number;
  data: Uint8Array;
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
  gaps: GapsTable;
  rollup_state: RollupStateTable;
  meta: MetaTable;
  alert_instances: AlertInstancesTable;
  alert_events: AlertEventsTable;
  alert_state: AlertStateTable;
  alert_snoozes: AlertSnoozesTable;
}

export type RowTableName = 'samples' | 'rollup_1m' | 'rollup_1h';

export interface TierInfo {
  readonly table: RowTableName;
  /** Bucket width; 0 for raw rows, which are single readings. */
  readonly ms: number;
  /** The finer tier this one is rolled up from. */
  readonly source: Tier | null;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const TIERS: Readonly<Record<Tier, TierInfo>> = {
  raw: { table: 'samples', ms: 0, source: null },
  '1m': { table: 'rollup_1m', ms: MINUTE_MS, source: 'raw' },
  '1h': { table: 'rollup_1h', ms: HOUR_MS, source: '1m' },
};

/** Finest first. */
export const TIER_ORDER: readonly Tier[] = ['raw', '1m', '1h'];

export type RolledTier = Exclude<Tier, 'raw'>;

/** Start of the bucket of width `ms` holding `ts` (UTC-aligned). */
export function bucketStart(ts: number, ms: number): number {
  return Math.floor(ts / ms) * ms;
}
