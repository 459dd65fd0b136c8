/**
 * Rolls the process history into the coarser tiers, like the store's rollup: only complete
 * buckets (ended at least `lagMs` ago, and before the source tier's own watermark), each
 * recomputed whole from its source tier and written in the transaction that moves the tier's
 * watermark, so a crash never counts a bucket twice or skips one.
 *
 * @example
 * const rollup = new ProcessRollup(history, processTiers());
 * rollup.run(Date.now(), 3_000) // buckets written
 */
import { bucketStart, DAY_MS } from '../store/schema.js';
import { BucketMerger } from './bucket-merger.js';
import type { ProcessHistory } from './process-history.js';
import type { ProcessTier } from './process-tiers.js';

/** Buckets recomputed per transaction: bounds the time the write lock is held. */
const WINDOW_MS = DAY_MS;

export class ProcessRollup {
  constructor(
    private readonly history: ProcessHistory,
    private readonly tiers: readonly ProcessTier[],
  ) {}

  /** Rolls every coarse tier as far as its source allows; returns the buckets written. */
  run(now: number, lagMs: number): number {
    let written = 0;
    for (const tier of this.tiers) {
      if (tier.source === null) continue;
      const source = this.tiers.find((t) => t.tier === tier.source);
      if (!source) continue;
      const sourceDone = this.history.watermark(source.ms);
      if (sourceDone === null) continue;
      const end = bucketStart(Math.min(now - lagMs, sourceDone), tier.ms);
      let start = this.history.watermark(tier.ms);
      if (start === null) {
        const first = this.history.firstFrom(source.ms, 0);
        if (first === null) continue;
        start = bucketStart(first, tier.ms);
      }
      written += this.roll(tier, source, start, end);
    }
    return written;
  }

  private roll(tier: ProcessTier, source: ProcessTier, start: number, end: number): number {
    let written = 0;
    let cursor = start;
    while (cursor < end) {
      const next = this.history.firstFrom(source.ms, cursor);
      // Skip a stretch without data in one step rather than one empty window at a time.
      const windowStart = next === null || next >= end ? end : Math.max(cursor, bucketStart(next, tier.ms));
      const windowEnd = windowStart >= end ? end : Math.min(end, windowStart + WINDOW_MS);
      written += this.history.transaction(() => {
        const count = this.rollWindow(tier, source, windowStart, windowEnd);
        this.history.setWatermark(tier.ms, windowEnd);
        return count;
      });
      cursor = windowEnd;
    }
    return written;
  }

  private rollWindow(tier: ProcessTier, source: ProcessTier, from: number, to: number): number {
    const buckets = new Map<number, BucketMerger>();
    this.history.scan(source.ms, from, to, (start, data) => {
      const at = bucketStart(start, tier.ms);
      let merger = buckets.get(at);
      if (!merger) buckets.set(at, (merger = new BucketMerger()));
      merger.add(data);
    });
    for (const [at, merger] of buckets) this.history.replace(tier.ms, at, merger.result(tier.keep));
    return buckets.size;
  }
}
