/**
 * The parts a MetricStore is made of, wired over one connection. Each is a file of this folder
 * with one job; `MetricStore` (metric-store.ts) is the facade that orders their calls (commit
 * before a rollup, roll up before retention) and checks the store is open.
 *
 * The components are themselves a `TierCatalog` (reader, counts, watermarks, buffer): what the
 * history and stats planners need to choose a tier.
 *
 * @example
 * const parts = storeComponents(db, kysely, { file, log, maxPendingRows: 3600 });
 * parts.committer.commit();
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { statSync } from 'node:fs';
import type { Logger } from '../log/logger.js';
import { GapTable, MetaValues, Watermarks } from './catalog-statements.js';
import { Committer } from './committer.js';
import { LayoutRegistry } from './layout-registry.js';
import type { StoreInfo } from './metric-store-options.js';
import { QueryFailures } from './page-check.js';
import { Retention } from './retention.js';
import { Rollup } from './rollup.js';
import { RowCounts } from './row-counts.js';
import { SampleIntake } from './sample-intake.js';
import { SampleList } from './sample-list.js';
import { SampleRange } from './sample-range.js';
import { ROLLED_TIERS, type RolledTier, type StoreDatabase } from './schema.js';
import type { TierCatalog } from './tier-choice.js';
import { TierReader } from './tier-reader.js';
import { WriteBuffer } from './write-buffer.js';

/** The rollup tier rolled from raw rows: a sample behind its watermark must be rolled again. */
export const FINEST_ROLLUP: RolledTier = ROLLED_TIERS[0]!.name;

export interface StoreComponents extends TierCatalog {
  /** Series keys and the row layouts (which series a row holds, in which order). */
  readonly registry: LayoutRegistry;
  /** Samples and gaps appended and not yet committed; every query reads through it. */
  readonly buffer: WriteBuffer;
  /** Gaps in the record (the engine stopped, the machine slept). */
  readonly gapTable: GapTable;
  /** How far each rollup tier is complete. */
  readonly watermarks: Watermarks;
  /** Small values features keep across restarts. */
  readonly meta: MetaValues;
  /** Reads raw rows and buckets from the file and the buffer, decoded. */
  readonly reader: TierReader;
  /** Rows per tier and time span, kept without scanning. */
  readonly counts: RowCounts;
  /** Committed raw samples in time order (export, the push outbox). */
  readonly range: SampleRange;
  /** Pages of raw samples, newest first (`list`, `latest`). */
  readonly sampleList: SampleList;
  /** Rolls complete buckets into the coarser tiers. */
  readonly rollups: Rollup;
  /** Age limits and the size cap. */
  readonly retention: Retention;
  /** Commits the buffer in one transaction, and keeps it when that fails. */
  readonly committer: Committer;
  /** Takes samples in: unique increasing timestamps, late samples marked for a new rollup. */
  readonly intake: SampleIntake;
  /** Names a query's failed read: the device's, or damage (page-check.ts). */
  readonly failures: QueryFailures;
}

export interface ComponentSettings {
  /** The database file, named in errors. */
  readonly file: string;
  readonly log: Logger;
  /** Rows the buffer keeps while commits fail. */
  readonly maxPendingRows: number;
}

/** Wires every part of a store over `db`; reads the file's newest sample and watermarks. */
export function storeComponents(
  db: Database.Database,
  kysely: Kysely<StoreDatabase>,
  { file, log, maxPendingRows }: ComponentSettings,
): StoreComponents {
  const registry = new LayoutRegistry(db);
  const buffer = new WriteBuffer(maxPendingRows);
  const gapTable = new GapTable(db, kysely);
  const watermarks = new Watermarks(db, kysely);
  const reader = new TierReader(db, registry, buffer, watermarks);
  const counts = new RowCounts(db);
  const committer = new Committer(db, registry, buffer, gapTable, counts, { file, log });
  const failures = new QueryFailures(file);
  return {
    registry,
    buffer,
    gapTable,
    watermarks,
    meta: new MetaValues(db, kysely),
    reader,
    counts,
    range: new SampleRange(db, registry, failures),
    sampleList: new SampleList(db, registry, buffer, gapTable, (from, to) => counts.count('raw', from, to)),
    rollups: new Rollup(db, reader, registry, watermarks, counts),
    retention: new Retention(db, reader, watermarks, gapTable, counts),
    committer,
    intake: new SampleIntake(registry, buffer, log, committer.newestStored(), watermarks.get(FINEST_ROLLUP)),
    failures,
  };
}

/** The file's size (with its write-ahead log), rows per tier and gaps, counting the buffer's. */
export function storeInfo({ counts, buffer, gapTable }: StoreComponents, file: string): StoreInfo {
  const stored = counts.totals();
  return {
    path: file,
    sizeBytes: fileSize(file) + fileSize(`${file}-wal`),
    rows: { ...stored, raw: stored.raw + buffer.size },
    gaps: gapTable.count() + buffer.gaps.length,
  };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
