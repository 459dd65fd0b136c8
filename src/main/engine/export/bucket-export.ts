/**
 * Streams a rollup tier (10s … 1d) window by window: each `scanBuckets` call covers a fixed
 * number of buckets, so memory stays constant and the event loop gets a turn between windows.
 * Windows start on bucket boundaries, so no bucket is split between two calls.
 *
 * The newest buckets may not be rolled up yet; `scanBuckets` aggregates them from the finer tier
 * on the fly. A window is kept small (6 hours of minutes, a week of hours) so that this tail,
 * which the store reads in one call, stays short even when rollups are behind.
 *
 * @example
 * const total = await countBuckets(store, '1m', keys, from, to, 360, cancel);
 * await writeBuckets(store, '1m', keys, from, to, 360, writer);
 */
import { HOUR_MS, bucketStart, tierInfo, type RolledTier } from '../store/schema.js';
import type { AggregateSink } from '../store/bucket-accumulator.js';
import { nextTurn } from './cancel.js';
import { BucketRows } from './bucket-rows.js';
import type { ExportWriter } from './export-writer.js';

/** The part of the store an aggregated export reads. */
export interface BucketSource {
  scanBuckets(
    tier: RolledTier,
    from: number,
    to: number,
    keys: readonly string[] | null,
    sink: AggregateSink,
  ): readonly string[];
}

/** Buckets per window and chunk: 360 of a sub-hour tier (6 hours of 1-minute buckets), 168 of the others (7 days of 1-hour buckets). */
export function defaultWindowBuckets(tier: RolledTier): number {
  return tierInfo(tier).ms < HOUR_MS ? 360 : 168;
}

/** Calls `visit(windowFrom, windowTo)` for consecutive bucket-aligned windows covering [from, to]. */
async function forEachWindow(
  tier: RolledTier,
  from: number,
  to: number,
  windowBuckets: number,
  visit: (windowFrom: number, windowTo: number) => Promise<void>,
): Promise<void> {
  const { ms } = tierInfo(tier);
  const span = ms * Math.max(1, Math.floor(windowBuckets));
  for (let start = bucketStart(from, ms); start <= to; start += span) {
    await visit(Math.max(from, start), Math.min(to, start + span - 1));
  }
}

/**
 * The exact number of buckets holding an exported series, counted window by window before the
 * export starts (cheap next to formatting), so progress has a true total from the first event.
 */
export async function countBuckets(
  source: BucketSource,
  tier: RolledTier,
  keys: readonly string[],
  from: number,
  to: number,
  windowBuckets: number,
  checkCancel: () => void,
): Promise<number> {
  let count = 0;
  let last = Number.NaN;
  const sink: AggregateSink = (start) => {
    if (start !== last) {
      last = start;
      count++;
    }
  };
  await forEachWindow(tier, from, to, windowBuckets, async (windowFrom, windowTo) => {
    source.scanBuckets(tier, windowFrom, windowTo, keys, sink);
    checkCancel();
    await nextTurn();
  });
  return count;
}

/** Writes one row per bucket that holds an exported series: avg, min, max per series. */
export async function writeBuckets(
  source: BucketSource,
  tier: RolledTier,
  keys: readonly string[],
  from: number,
  to: number,
  windowBuckets: number,
  writer: ExportWriter,
): Promise<void> {
  const rows = new BucketRows(keys.length, writer.row);
  await forEachWindow(tier, from, to, windowBuckets, async (windowFrom, windowTo) => {
    source.scanBuckets(tier, windowFrom, windowTo, keys, rows.sink);
    rows.finish();
    await writer.endChunk();
  });
}
