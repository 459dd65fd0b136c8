/**
 * Process history is kept exactly as long as the rest of the history: a tier's buckets go once
 * the store no longer has rows of that tier so old (its retention by age and its size cap both
 * decide that), but never before the next coarser tier has rolled them up. Commands no bucket
 * can name any more go with them.
 *
 * @example
 * new ProcessRetention(db, history, catalog, processTiers()).apply() // { buckets: 1440, commands: 37 }
 */
import type Database from 'better-sqlite3';
import { HOUR_MS, bucketStart, tierInfo } from '../store/schema.js';
import type { AppCatalog } from './app-catalog.js';
import type { ProcessHistory } from './process-history.js';
import type { ProcessTier } from './process-tiers.js';

export class ProcessRetention {
  private readonly oldestStored: Map<string, Database.Statement<[], number | null>>;

  constructor(
    db: Database.Database,
    private readonly history: ProcessHistory,
    private readonly catalog: AppCatalog,
    private readonly tiers: readonly ProcessTier[],
  ) {
    this.oldestStored = new Map(
      tiers.map((t) => [
        t.tier,
        db.prepare<[], number | null>(`SELECT min(ts) FROM ${tierInfo(t.tier).table}`).pluck(),
      ]),
    );
  }

  apply(): { buckets: number; commands: number } {
    let buckets = 0;
    for (const tier of this.tiers) {
      const stored = this.oldestStored.get(tier.tier)!.get() ?? null;
      if (stored === null) continue;
      let cut = bucketStart(stored, tier.ms);
      const coarser = this.tiers.find((t) => t.source === tier.tier);
      if (coarser) cut = Math.min(cut, this.history.watermark(coarser.ms) ?? Number.NEGATIVE_INFINITY);
      if (Number.isFinite(cut)) buckets += this.history.deleteBefore(tier.ms, cut);
    }
    const oldest = this.tiers
      .map((tier) => this.history.firstFrom(tier.ms, 0))
      .filter((ts): ts is number => ts !== null);
    // last_seen is refreshed at most hourly (app-catalog.ts): keep an hour's margin.
    const commands = oldest.length > 0 ? this.catalog.deleteCommandsBefore(Math.min(...oldest) - HOUR_MS) : 0;
    return { buckets, commands };
  }
}
