/**
 * Deletes data past each tier's age limit, then, under an optional size cap, the oldest raw
 * rows, then the oldest 1m, then the oldest 1h rows until the used size fits; finally returns
 * the freed pages to the file system (incremental vacuum + WAL checkpoint).
 *
 * Age deletion never removes rows a coarser tier has not rolled up yet (it stops at the
 * watermark); the size cap is a hard limit and does not wait for rollups.
 *
 * @example
 * retention.apply({ rawDays: 7, minuteDays: 90, hourDays: 1825, maxSizeMb: null }, Date.now())
 * // { deleted: { raw: 86400, '1m': 1440, '1h': 0 }, sizeBytes: 123456789 }
 */
import type Database from 'better-sqlite3';
import type { Tier } from '../../../shared/queries.js';
import type { GapTable, Watermarks } from './catalog-statements.js';
import { DAY_MS, TIERS, TIER_ORDER } from './schema.js';
import type { TierReader } from './tier-reader.js';

export interface RetentionPolicy {
  readonly rawDays: number;
  readonly minuteDays: number;
  readonly hourDays: number;
  readonly maxSizeMb: number | null;
}

export interface RetentionReport {
  readonly deleted: { raw: number; '1m': number; '1h': number };
  readonly sizeBytes: number;
}

/** Size-cap passes per tier; each pass re-measures, so a bad estimate costs a pass, not a loop. */
const MAX_PASSES = 20;
/** Per-row bytes beyond the blob (rowid, header, cell pointer) and the pages' typical slack. */
const ROW_OVERHEAD = 16;
const PAGE_FILL = 0.9;

export class Retention {
  /** Called before raw rows older than `before` are deleted, inside the deleting transaction. */
  beforeRawDelete: ((before: number) => void) | null = null;
  private readonly deleteBefore: Record<Tier, Database.Statement<[number]>>;
  private readonly nthOldest: Record<Tier, Database.Statement<[number], number | undefined>>;
  private readonly recentBlobBytes: Record<Tier, Database.Statement<[], number | null>>;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: TierReader,
    private readonly watermarks: Watermarks,
    private readonly gaps: GapTable,
  ) {
    const per = <T>(make: (table: string) => T): Record<Tier, T> => ({
      raw: make(TIERS.raw.table),
      '1m': make(TIERS['1m'].table),
      '1h': make(TIERS['1h'].table),
    });
    this.deleteBefore = per((t) => db.prepare<[number]>(`DELETE FROM ${t} WHERE ts < ?`));
    this.nthOldest = per((t) =>
      db.prepare<[number], number | undefined>(`SELECT ts FROM ${t} ORDER BY ts LIMIT 1 OFFSET ?`).pluck(),
    );
    this.recentBlobBytes = per((t) =>
      db
        .prepare<[], number | null>(`SELECT avg(length(data)) FROM (SELECT data FROM ${t} ORDER BY ts DESC LIMIT 256)`)
        .pluck(),
    );
  }

  apply(policy: RetentionPolicy, now: number): RetentionReport {
    const deleted = { raw: 0, '1m': 0, '1h': 0 };
    // Rows a coarser tier has not absorbed yet are kept whatever their age.
    const done1m = this.watermarks.get('1m');
    const done1h = this.watermarks.get('1h');
    const cut: Record<Tier, number | null> = {
      raw: done1m === null ? null : Math.min(now - policy.rawDays * DAY_MS, done1m),
      '1m': done1h === null ? null : Math.min(now - policy.minuteDays * DAY_MS, done1h),
      '1h': now - policy.hourDays * DAY_MS,
    };
    this.db.transaction(() => {
      for (const tier of TIER_ORDER) {
        const before = cut[tier];
        if (before !== null) deleted[tier] += this.deleteRows(tier, before);
      }
    })();
    if (policy.maxSizeMb !== null) this.trimToSize(policy.maxSizeMb * 1024 * 1024, deleted);
    const oldest = TIER_ORDER.map((tier) => this.reader.oldest(tier)).filter((ts): ts is number => ts !== null);
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
   * Deletes rows older than `before`; raw deletions first tell `beforeRawDelete`, in the same
   * transaction, so a reader behind a cursor (the push outbox) can count exactly what it loses.
   */
  private deleteRows(tier: Tier, before: number): number {
    const hook = this.beforeRawDelete;
    if (tier !== 'raw' || !hook) return this.deleteBefore[tier].run(before).changes;
    return this.db.transaction(() => {
      hook(before);
      return this.deleteBefore.raw.run(before).changes;
    })();
  }

  private trimToSize(capBytes: number, deleted: Record<Tier, number>): void {
    for (const tier of TIER_ORDER) {
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const excess = this.usedBytes() - capBytes;
        if (excess <= 0) return;
        const blob = this.recentBlobBytes[tier].get() ?? null;
        if (blob === null) break; // tier empty: move on to the next one
        const rowBytes = (blob + ROW_OVERHEAD) / PAGE_FILL;
        const rows = Math.max(64, Math.ceil(excess / rowBytes));
        const boundary = this.nthOldest[tier].get(rows);
        const removed = this.deleteRows(tier, boundary ?? Number.MAX_SAFE_INTEGER);
        deleted[tier] += removed;
        if (boundary === undefined) break;
      }
    }
  }
}
