/**
 * The metric store: samples in, history/stats/lists out, on one SQLite file with three tiers
 * (raw rows, 1-minute and 1-hour rollups). See README.md in this folder for the design.
 *
 * `append` and `recordGap` only buffer; `flush` commits the buffer in one transaction. Queries
 * merge the buffer with the file, so a sample is visible the moment it is appended. A failed
 * commit (disk full, locked, read-only) keeps the rows for the next try.
 *
 * @example
 * const store = await MetricStore.open('/home/me/.config/Dashlight/dashlight.db', { log });
 * store.append({ ts: Date.now(), values: { 'cpu.total': 12.5 } });
 * store.flush();
 * store.history({ series: ['cpu.total'], from: Date.now() - 3_600_000, to: Date.now(), maxPoints: 1000 });
 * store.close();
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { statSync } from 'node:fs';
import type { HistoryResult, ListResult, StatsResult } from '../../../shared/queries.js';
import type { Gap, Sample } from '../../../shared/sample.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { GapTable, Watermarks } from './catalog-statements.js';
import { Committer } from './committer.js';
import { readHistory, type HistoryQuery } from './history.js';
import { LayoutRegistry } from './layout-registry.js';
import { STORE_MIGRATIONS, type Migrations } from './migrations.js';
import { closeCleanly, OPEN_BY, openDatabase, type OpenCheck, type OpenDatabaseOptions } from './open-database.js';
import { Retention, type RetentionPolicy, type RetentionReport } from './retention.js';
import { Rollup } from './rollup.js';
import { RowCounts } from './row-counts.js';
import type { StoreDatabase } from './schema.js';
import { SampleIntake } from './sample-intake.js';
import { SampleList, type ListQuery } from './sample-list.js';
import { SampleRange } from './sample-range.js';
import { SeriesIndex } from './series-index.js';
import { eligibleTiers, extents } from './tier-choice.js';
import type { AggregateSink } from './bucket-accumulator.js';
import type { RolledTier } from './schema.js';
import type { Tier } from '../../../shared/queries.js';
import { readStats, type StatsQuery } from './range-stats.js';
import { TierReader } from './tier-reader.js';
import { WriteBuffer } from './write-buffer.js';
import type { FailureDescription } from './sqlite-errors.js';

/** An hour of samples at 1 Hz. */
const DEFAULT_MAX_PENDING = 3600;

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
}

export interface StoreInfo {
  readonly path: string;
  /** The database file plus its write-ahead log, on disk. */
  readonly sizeBytes: number;
  readonly rows: { readonly raw: number; readonly '1m': number; readonly '1h': number };
  readonly gaps: number;
}

export class MetricStore {
  private readonly log: Logger;
  private readonly registry: LayoutRegistry;
  private readonly buffer: WriteBuffer;
  private readonly gapTable: GapTable;
  private readonly watermarks: Watermarks;
  private readonly reader: TierReader;
  private readonly sampleList: SampleList;
  private readonly rollups: Rollup;
  private readonly retention: Retention;
  private readonly committer: Committer;
  private readonly counts: RowCounts;
  private readonly rollupLagMs: number;
  private readonly intake: SampleIntake;
  /** Committed raw samples in time order, for export and the push outbox. */
  readonly range: SampleRange;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly quarantined: string | null,
    /** Whether PRAGMA quick_check ran at open, and why (doctor says so). */
    readonly openCheck: OpenCheck,
    kysely: Kysely<StoreDatabase>,
    private readonly options: MetricStoreOptions,
  ) {
    this.log = options.log ?? silentLogger();
    this.rollupLagMs = options.rollupLagMs ?? 3000;
    this.registry = new LayoutRegistry(db);
    this.buffer = new WriteBuffer(options.maxPendingRows ?? DEFAULT_MAX_PENDING);
    this.gapTable = new GapTable(db, kysely);
    this.watermarks = new Watermarks(db, kysely);
    this.reader = new TierReader(db, this.registry, this.buffer, this.watermarks);
    this.counts = new RowCounts((tier) => this.reader.countStored(tier, 0, Number.MAX_SAFE_INTEGER));
    this.range = new SampleRange(db, this.registry);
    this.sampleList = new SampleList(db, this.registry, this.buffer, this.gapTable, () => this.counts.get().raw);
    this.rollups = new Rollup(db, this.reader, this.registry, this.watermarks);
    this.retention = new Retention(db, this.reader, this.watermarks, this.gapTable);
    this.committer = new Committer(db, this.registry, this.buffer, this.gapTable, { file: path, log: this.log });
    this.intake = new SampleIntake(
      this.registry,
      this.buffer,
      this.log,
      this.committer.newestStored(),
      this.watermarks.get('1m'),
    );
  }

  /** Opens or creates the database (and its folder). A damaged file is moved aside, never fatal. */
  static async open(file: string, options: MetricStoreOptions = {}): Promise<MetricStore> {
    const log = options.log ?? silentLogger();
    const opened = await openDatabase(file, {
      log,
      busyTimeoutMs: options.busyTimeoutMs,
      migrations: options.migrations ?? STORE_MIGRATIONS,
      readOnly: options.readOnly,
      quickCheck: options.quickCheck,
    });
    return new MetricStore(opened.db, file, opened.quarantined, opened.check, opened.kysely, { ...options, log });
  }

  /**
   * The better-sqlite3 handle, for sibling stores that share the file (alerts now, the push
   * outbox later) so everything lives in one database with one set of pragmas and migrations.
   *
   * @example
   * const alerts = new AlertStore(store.connection);
   */
  get connection(): Database.Database {
    return this.db;
  }

  /** Buffers a sample (no I/O). Timestamps are made unique and increasing. Never throws. */
  append(sample: Sample): void {
    if (this.closed) this.log.error({ ts: sample.ts }, 'sample not recorded: the store is closed');
    else this.intake.append(sample);
  }

  /** Buffers a gap (committed with the next flush). Never throws. */
  recordGap(gap: Gap): void {
    if (this.closed) this.log.error({ gap }, 'gap not recorded: the store is closed');
    else this.intake.recordGap(gap);
  }

  /**
   * Commits buffered rows and gaps in one transaction; returns the sample rows written.
   * On failure the rows stay buffered for the next flush, and an Error naming the cause is thrown.
   */
  flush(): number {
    if (this.closed) return 0;
    const { rows, newestTs } = this.committer.commit();
    this.counts.add('raw', rows);
    this.intake.noteStored(newestTs);
    return rows;
  }

  pendingCount(): number {
    return this.buffer.size;
  }

  /** Rows the buffer holds while commits fail before the oldest are dropped. */
  get pendingLimit(): number {
    return this.options.maxPendingRows ?? DEFAULT_MAX_PENDING;
  }

  /** Why commits fail now (a full disk, a read-only file…), or null while they work. */
  commitFailure(): FailureDescription | null {
    return this.committer.failure;
  }

  /** Samples dropped because the buffer overflowed while commits failed. */
  droppedCount(): number {
    return this.buffer.dropped;
  }

  /** The newest sample, buffered or stored. */
  latest(): Sample | null {
    this.assertOpen();
    this.intake.last ??= this.sampleList.newestStored();
    return this.intake.last;
  }

  list(input: ListQuery): ListResult {
    this.assertOpen();
    return this.sampleList.page(input);
  }

  history(input: HistoryQuery): HistoryResult {
    this.assertOpen();
    return readHistory(this.reader, (from, to) => this.gapTable.overlapping(from, to, this.buffer.gaps), input);
  }

  stats(input: StatsQuery): StatsResult {
    this.assertOpen();
    return readStats(this.reader, input);
  }

  /**
   * Buckets of the 1m or 1h tier overlapping [from, to] in time order, with min/avg/max/count per
   * series (`keys` null: every series); the not yet rolled-up tail is aggregated on the fly.
   * Returns the series keys, numbered as the sink sees them.
   */
  scanBuckets(
    tier: RolledTier,
    from: number,
    to: number,
    keys: readonly string[] | null,
    sink: AggregateSink,
  ): readonly string[] {
    this.assertOpen();
    const index = keys ? SeriesIndex.of(keys) : SeriesIndex.open();
    this.reader.scanAggregated(tier, from, to, index, sink);
    return index.keys;
  }

  /**
   * Called before retention deletes raw rows older than `before`, inside the same transaction
   * (the push outbox counts the samples its targets lose; see push/outbox-store.ts).
   */
  onRawDelete(hook: ((before: number) => void) | null): void {
    this.retention.beforeRawDelete = hook;
  }

  /** Every series key ever stored, in the order first seen. */
  knownSeries(): string[] {
    this.assertOpen();
    return this.registry.keys();
  }

  /** The finest tier whose data reaches back to `from` (what "auto" resolution exports). */
  finestTierFrom(from: number): Tier {
    this.assertOpen();
    return eligibleTiers(extents(this.reader), from)[0]!;
  }

  /** Rolls complete buckets into the 1m and 1h tiers; returns the buckets written. */
  rollup(now: number): { minutes: number; hours: number } {
    this.assertOpen();
    this.tryFlush();
    const before = this.buffer.rows[0]?.ts ?? Number.POSITIVE_INFINITY;
    let result: { minutes: number; hours: number };
    try {
      result = this.rollups.run({ now, lagMs: this.rollupLagMs, before, dirtyFrom: this.intake.dirtyFrom });
    } catch (error) {
      // Windows committed before the failure count too: recount rather than guess.
      this.counts.invalidate();
      throw error;
    }
    this.counts.add('1m', this.rollups.added['1m']);
    this.counts.add('1h', this.rollups.added['1h']);
    this.intake.dirtyFrom = null;
    this.intake.rolledUntil = this.watermarks.get('1m');
    return result;
  }

  /** Rolls up first (so age limits never lose unrolled data), then applies the policy. */
  applyRetention(policy: RetentionPolicy, now: number): RetentionReport {
    this.assertOpen();
    try {
      this.rollup(now);
    } catch (error) {
      // A full disk must not stop the size cap from freeing space.
      this.log.warn({ err: error }, 'rollup before retention failed; applying retention anyway');
    }
    let report: RetentionReport;
    try {
      report = this.retention.apply(policy, now);
    } catch (error) {
      this.counts.invalidate();
      throw error;
    }
    for (const tier of ['raw', '1m', '1h'] as const) this.counts.add(tier, -report.deleted[tier]);
    return report;
  }

  info(): StoreInfo {
    this.assertOpen();
    const stored = this.counts.get();
    return {
      path: this.path,
      sizeBytes: fileSize(this.path) + fileSize(`${this.path}-wal`),
      rows: { ...stored, raw: stored.raw + this.buffer.size },
      gaps: this.gapTable.count() + this.buffer.gaps.length,
    };
  }

  /** The SQLite library's version, e.g. '3.50.4'. */
  sqliteVersion(): string {
    this.assertOpen();
    return String(this.db.prepare('select sqlite_version() as v').pluck().get());
  }

  /** 'ok', or the problems PRAGMA integrity_check found, one per line. */
  integrityCheck(): string {
    this.assertOpen();
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('\n');
  }

  /** The open mark a writer left (`pid … since …`), or null when it closed the file cleanly. */
  openBy(): string | null {
    this.assertOpen();
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(OPEN_BY) as string | undefined;
    return row ?? null;
  }

  /** Opened read-only: it reads, and never writes. */
  get readOnly(): boolean {
    return this.options.readOnly === true;
  }

  /** Flushes, then closes (a writer marks the file closed cleanly). Idempotent. */
  close(): void {
    if (this.closed) return;
    let clean = true;
    try {
      this.flush();
    } catch {
      clean = false;
      this.log.error({ lost: this.buffer.size }, 'closing with samples that could not be committed; they are lost');
    }
    this.closed = true;
    if (clean && !this.readOnly) closeCleanly(this.db);
    this.db.close();
  }

  private tryFlush(): void {
    try {
      this.flush();
    } catch {
      // Already logged; buffered rows stay visible to queries and wait for the next commit.
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the metric store ${this.path} is closed`);
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
