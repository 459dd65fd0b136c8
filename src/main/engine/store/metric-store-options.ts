/**
 * What `MetricStore.open` takes, and what `info()` answers: the store's settings apart from the
 * class, so the parts it is wired from (store-components.ts) read them without importing it.
 *
 * @example
 * const store = await MetricStore.open(file, { log, readOnly: true, quickCheck: 'always' });
 */
import type { Logger } from '../log/logger.js';
import type { Migrations } from './migrations.js';
import type { OpenDatabaseOptions } from './open-database.js';
import type { PaceOptions } from './pacer.js';
import type { StoreTier } from './schema.js';

/** An hour of samples at 1 Hz. */
export const DEFAULT_MAX_PENDING = 3600;

export interface MetricStoreOptions {
  readonly log?: Logger;
  /** Rows kept in memory while commits fail; older ones are dropped beyond it. Default: 1 hour at 1 Hz. */
  readonly maxPendingRows?: number;
  /** How long a commit waits for another process's lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /**
   * A bucket is rolled up once it ended this long ago. Small, because `rollup` commits the buffer
   * first and a sample arriving later still is rolled again (see SampleIntake). Default 3 s.
   */
  readonly rollupLagMs?: number;
  /**
   * Every migration the file may have run. Default: the store's own (0001), enough for the store
   * alone; the engine passes the merged list of its modules (../modules.ts).
   */
  readonly migrations?: Migrations;
  /** Open read-only (queries beside a running engine, a read-only folder, a full disk). */
  readonly readOnly?: boolean;
  /** `always`: run PRAGMA quick_check at open; by default only after an unclean shutdown. */
  readonly quickCheck?: OpenDatabaseOptions['quickCheck'];
  /** How long scans run between turns of the event loop (tests pass `sliceSteps`). */
  readonly pace?: PaceOptions;
}

export interface StoreInfo {
  readonly path: string;
  /** The database file plus its write-ahead log, on disk. */
  readonly sizeBytes: number;
  /** Rows per tier, finest first. */
  readonly rows: Readonly<Record<StoreTier, number>>;
  readonly gaps: number;
}
