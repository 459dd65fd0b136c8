/**
 * Deletes data past each tier's age limit, then, under an optional size cap, the oldest rows of
 * the finest tier, then of the next one, and so on, until the used size fits; finally returns the
 * freed pages to the file system (incremental vacuum + WAL checkpoint).
 *
 * A tier's age limit is the retention setting its schema entry names (`keep`: raw, 10 s, 30 s and
 * 2 min follow `rawDays`; 1, 5, 15 and 30 min `minuteDays`; 1 h, 6 h and 1 day `hourDays`). Age deletion never removes rows a tier rolled from them has not rolled up yet (it
 * stops at the lowest watermark of those tiers); the size cap is a hard limit and does not wait
 * for rollups.
 *
 * @example
 * retention.apply({ rawDays: 7, minuteDays: 90, hourDays: 1825, maxSizeMb: null }, Date.now())
 * // { deleted: { raw: 86400, '10s': 8640, '30s': 2880, '1m': 1440, … }, sizeBytes: 123456789 }
 */
import type Database from 'better-sqlite3';
import type { GapTable, Watermarks } from './catalog-statements.js';
import type { RowCounts } from './row-counts.js';
import { DAY_MS, TIER_LIST, tiersRolledFrom, type StoreTier } from './schema.js';
import type { TierReader } from './tier-reader.js';

export interface RetentionPolicy {
  readonly rawDays: number;
  readonly minuteDays: number;
  readonly hourDays: number;
  readonly maxSizeMb: number | null;
}

export interface RetentionReport {
  readonly deleted: Record<StoreTier, number>;
  readonly sizeBytes: number;
}

/** Size-cap passes per tier; each pass re-measures, so a bad estimate costs a pass, not a loop. */
const MAX_PASSES = 20;
/** Per-row bytes beyond the blob (rowid, header, cell pointer) and the pages' typical slack. */
const ROW_OVERHEAD = 16;
const PAGE_FILL = 0.9;

interface TierStatements {
  readonly deleteBefore: Database.Statement<[number]>;
  readonly nthOldest: Database.Statement<[number], number | undefined>;
  readonly recentBlobBytes: Database.Statement<[], number | null>;
}

export class Retention {
  /** Called before raw rows older than `before` are deleted, inside the deleting transaction. */
  beforeRawDelete: ((before: number) => void) | null = null;
  private readonly stmt = new Map<StoreTier, TierStatements>();

  constructor(
    private readonly db: Database.Database,
    private readonly reader: TierReader,
    private readonly watermarks: Watermarks,
    private readonly gaps: GapTable,
    private readonly counts: RowCounts,
  ) {
    for (const { name, table } of TIER_LIST) {
      this.stmt.set(name, {
        deleteBefore: db.prepare<[number]>(`DELETE FROM ${table} WHERE ts < ?`),
        nthOldest: db
          .prepare<[number], number | undefined>(`SELECT ts FROM ${table} ORDER BY ts LIMIT 1 OFFSET ?`)
          .pluck(),
        recentBlobBytes: db
          .prepare<[], number | null>(
            `SELECT avg(length(data)) FROM (SELECT data FROM ${table} ORDER BY ts DESC LIMIT 256)`,
          )
          .pluck(),
      });
    }
  }

  apply(policy: RetentionPolicy, now: number): RetentionReport {
    const deleted = Object.fromEntries(TIER_LIST.map((tier) => [tier.name, 0])) as Record<StoreTier, number>;
    const cuts = TIER_LIST.map((tier) => {
      const byAge = now - policy[tier.keep] * DAY_MS;
      // Rows a tier rolled from this one has not absorbed yet are kept whatever their age.
      let before: number | null = byAge;
      for (const coarser of tiersRolledFrom(tier.name)) {
        const absorbed = this.watermarks.get(coarser);
        before = absorbed === null || before === null ? null : Math.min(before, absorbed);
      }
      return { tier: tier.name, before };
    });
    this.db.transaction(() => {
      for (const { tier, before } of cuts) if (before !== null) deleted[tier] += this.deleteRows(tier, before);
    })();
    if (policy.maxSizeMb !== null) this.trimToSize(policy.maxSizeMb * 1024 * 1024, deleted);
    const oldest = TIER_LIST.map((tier) => this.reader.oldest(tier.name)).filter((ts): ts is number => ts !== null);
    this.gaps.deleteBefore(oldest.length > 0 ? Math.min(...oldest) : Number.MAX_SAFE_INTEGER);
    this.db.pragma('incremental_vacuum');
    // In WAL mode the file only shrinks when the truncated pages are checkpointed.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { deleted, sizeBytes: this.usedBytes() };
  }

  /** Bytes in use: pages minus free pages. */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /**
   * Deletes rows older than `before` (their parts and counts too); raw deletions first tell
   * `beforeRawDelete`, in the same transaction, so a reader behind a cursor (the push outbox)
   * can count exactly what it loses.
   */
  private deleteRows(tier: StoreTier, before: number): number {
    return this.db.transaction(() => {
      if (tier === 'raw') this.beforeRawDelete?.(before);
      const removed = this.stmt.get(tier)!.deleteBefore.run(before).changes;
      if (tier !== 'raw') this.reader.parts.get(tier)!.deleteFrom(0, before);
      if (removed > 0) this.counts.deletedBefore(tier, before);
      return removed;
    })();
  }

  private trimToSize(capBytes: number, deleted: Record<StoreTier, number>): void {
    for (const { name } of TIER_LIST) {
      const { nthOldest, recentBlobBytes } = this.stmt.get(name)!;
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const excess = this.usedBytes() - capBytes;
        if (excess <= 0) return;
        const blob = recentBlobBytes.get() ?? null;
        if (blob === null) break; // tier empty: move on to the next one
        const rowBytes = (blob + ROW_OVERHEAD) / PAGE_FILL;
        const rows = Math.max(64, Math.ceil(excess / rowBytes));
        const boundary = nthOldest.get(rows);
        deleted[name] += this.deleteRows(name, boundary ?? Number.MAX_SAFE_INTEGER);
        if (boundary === undefined) break;
      }
    }
  }
}
