/**
 * Result shapes of the query methods. Plain JSON so both transports (IPC and HTTP) carry them unchanged.
 */
import type { Sample } from './sample.js';
import type { Tier } from './tiers.js';

export type { Tier } from './tiers.js';

export interface ListResult {
  readonly data: readonly Sample[];
  readonly pagination: {
    readonly page: number;
    readonly limit: number;
    readonly total: number;
    readonly totalPages: number;
  };
}

/**
 * One series of a history answer, column by column. A `null` in `avg` is a gap: draw a break there.
 * `min`/`max` are present when points are aggregates (tier 1m/1h or re-bucketed raw).
 */
export interface HistorySeries {
  readonly t: readonly number[];
  readonly avg: readonly (number | null)[];
  readonly min?: readonly (number | null)[];
  readonly max?: readonly (number | null)[];
}

export interface HistoryResult {
  readonly from: number;
  readonly to: number;
  /** The tier the points were read from. */
  readonly tier: Tier;
  /** Width of one point in ms (the sampling interval for unaggregated raw points). */
  readonly bucketMs: number;
  readonly aggregated: boolean;
  readonly series: Readonly<Record<string, HistorySeries>>;
}

export interface Summary {
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly p95: number;
  readonly count: number;
}

/** The CPU, memory and disk summary (percentages), record count and range, plus every series. */
export interface StatsResult {
  readonly cpu: Summary | null;
  readonly memory: Summary | null;
  readonly disk: Summary | null;
  readonly totalRecords: number;
  readonly dateRange: { readonly start: string | null; readonly end: string | null };
  /** The tier the figures were computed from; p95 over an aggregated tier is taken over bucket averages. */
  readonly resolution: Tier;
  readonly metrics: Readonly<Record<string, Summary>>;
}

export type RollingWindow = '1m' | '5m' | '15m' | '60m';

export interface RollingResult {
  readonly at: number | null;
  readonly windows: Readonly<Record<RollingWindow, Readonly<Record<string, Summary>>>>;
}

export type SamplingState = 'running' | 'paused' | 'stopped';

export interface StatusResult {
  readonly state: SamplingState;
  readonly intervalMs: number;
  readonly slowIntervalMs: number;
  readonly lastSampleTs: number | null;
  readonly startedAt: number;
  readonly version: string;
  readonly hostname: string;
  readonly db: {
    readonly path: string;
    readonly sizeBytes: number;
    /** Rows per tier, finest first: its keys are the tiers this engine keeps. */
    readonly rows: Readonly<Record<Tier, number>>;
    readonly gaps: number;
    /** Set when the file found at start was corrupt and moved aside. */
    readonly quarantined: string | null;
  };
  readonly self: { readonly cpuPercent: number; readonly rssBytes: number };
  /** Set while samples cannot be committed to the database (a full disk, above all); null while they can. */
  readonly writeProblem?: WriteProblem | null;
  /**
   * The per-entity cap (`storage.maxEntitiesPerMetric`) and, per metric, the entities past it
   * that were not recorded.
   */
  readonly entities?: { readonly limit: number; readonly overflow: readonly EntityOverflow[] };
}

/**
 * Samples are taken but cannot be written: they are held in memory, up to `bufferLimit`, then the
 * oldest are dropped (and counted). Every interface says so: the dashboard's banner, the tray,
 * `dashlight run`'s terminal (once per episode), doctor.
 */
export interface WriteProblem {
  /** When this was reckoned: `bufferedSamples` and `dropsAt` are as of then. */
  readonly asOf?: number;
  /** When the first commit of this episode failed. */
  readonly since: number;
  /** SQLITE_FULL, ENOSPC, SQLITE_READONLY, SQLITE_IOERR… */
  readonly code: string;
  /** What is wrong, in words: "the disk is full". */
  readonly cause: string;
  /** What to do about it. */
  readonly advice: string;
  /** Samples held in memory, waiting for the next commit. */
  readonly bufferedSamples: number;
  readonly bufferLimit: number;
  /** When the oldest buffered samples start (or started) being dropped, at the current interval. */
  readonly dropsAt: number;
  /** Samples dropped in this episode because the buffer was full. */
  readonly droppedSamples: number;
}

/** Entities of one metric left out because the metric already had its cap of entities. */
export interface EntityOverflow {
  readonly metric: string;
  /** Distinct entities left out (counting stops at 10,000). */
  readonly entities: number;
  /** A few of their names. */
  readonly examples: readonly string[];
  /** When the first one was left out (epoch ms). */
  readonly since: number;
}
