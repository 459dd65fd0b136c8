/**
 * The metric store: samples in, history/stats/lists out, on one SQLite file with the tiers of
 * schema.ts (raw rows, then rollups from 10 s to 1 day). See README.md in this folder for the design.
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
import { GapTable, MetaValues, Watermarks } from './catalog-statements.js';
import { Committer } from './committer.js';
import { readHistory, type HistoryQuery } from './history.js';
import { LayoutRegistry } from './layout-registry.js';
import { STORE_MIGRATIONS, type Migrations } from './migrations.js';
import { closeCleanly, OPEN_BY, openDatabase, type OpenCheck, type OpenDatabaseOptions } from './open-database.js';
import { Retention, type RetentionPolicy, type RetentionReport } from './retention.js';
import { Rollup } from './rollup.js';
import { RowCounts } from './row-counts.js';
import { ROLLED_TIERS, type RolledTier, type StoreDatabase, type StoreTier } from './schema.js';
import { SampleIntake } from './sample-intake.js';
import { SampleList, type ListQuery } from './sample-list.js';
import { SampleRange } from './sample-range.js';
import { SeriesIndex } from './series-index.js';
import { eligibleTiers, extents, type TierCatalog } from './tier-choice.js';
import type { AggregateSink } from './bucket-accumulator.js';
import { Pacer, type PaceOptions } from './pacer.js';
import { readStats, type StatsQuery } from './range-stats.js';
import type { RollupResult } from './rollup.js';
import { TierReader } from './tier-reader.js';
import { WriteBuffer } from './write-buffer.js';
import { describeFailure, type FailureDescription } from './sqlite-errors.js';
import { checkPages, damageOrFailedRead } from './page-check.js';

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
  private readonly catalog: TierCatalog;
  private readonly pace: PaceOptions;
  private readonly meta: MetaValues;
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
    this.meta = new MetaValues(db, kysely);
    this.reader = new TierReader(db, this.registry, this.buffer, this.watermarks);
    this.counts = new RowCounts(db);
    this.catalog = { reader: this.reader, counts: this.counts, watermarks: this.watermarks, buffer: this.buffer };
    this.pace = options.pace ?? {};
    this.range = new SampleRange(db, this.registry);
    this.sampleList = new SampleList(db, this.registry, this.buffer, this.gapTable, (from, to) =>
      this.counts.count('raw', from, to),
    );
    this.rollups = new Rollup(db, this.reader, this.registry, this.watermarks, this.counts);
    this.retention = new Retention(db, this.reader, this.watermarks, this.gapTable, this.counts);
    this.committer = new Committer(db, this.registry, this.buffer, this.gapTable, this.counts, {
      file: path,
      log: this.log,
    });
    this.intake = new SampleIntake(
      this.registry,
      this.buffer,
      this.log,
      this.committer.newestStored(),
      this.watermarks.get(FINEST_ROLLUP),
    );
  }

  /**
   * Opens or creates the database (and its folder). A damaged file is moved aside, never fatal; a
   * read the disk failed throws a PageReadError naming it, and moves nothing.
   */
  static async open(file: string, options: MetricStoreOptions = {}): Promise<MetricStore> {
    const log = options.log ?? silentLogger();
    const opened = await openDatabase(file, {
      log,
      busyTimeoutMs: options.busyTimeoutMs,
      migrations: options.migrations ?? STORE_MIGRATIONS,
      readOnly: options.readOnly,
      quickCheck: options.quickCheck,
    });
    try {
      return new MetricStore(opened.db, file, opened.quarantined, opened.check, opened.kysely, { ...options, log });
    } catch (error) {
      opened.db.close();
      throw damageOrFailedRead(error, file);
    }
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
    return readHistory(this.catalog, (from, to) => this.gapTable.overlapping(from, to, this.buffer.gaps), input);
  }

  /** Stats over a range; long scans give the event loop a turn every few ms (pacer.ts). */
  async stats(input: StatsQuery): Promise<StatsResult> {
    this.assertOpen();
    return readStats(this.catalog, input, new Pacer(this.pace, 'stats'));
  }

  /** Rows read by every query and rollup since the store was opened (for tests and the benchmark). */
  get rowsRead(): number {
    return this.reader.rowsRead;
  }

  /**
   * Buckets of a rollup tier overlapping [from, to] in time order, with min/avg/max/count per
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

  /** A small value a feature keeps across restarts (`meta` table), or null. */
  readMeta(key: string): string | null {
    this.assertOpen();
    return this.meta.get(key);
  }

  /** Saves a small value under `key` (committed at once). */
  writeMeta(key: string, value: string): void {
    this.assertOpen();
    this.meta.set(key, value);
  }

  /** Every series key ever stored, in the order first seen. */
  knownSeries(): string[] {
    this.assertOpen();
    return this.registry.keys();
  }

  /** The finest tier whose data reaches back to `from` (what "auto" resolution exports). */
  finestTierFrom(from: number): StoreTier {
    this.assertOpen();
    return eligibleTiers(extents(this.reader, this.watermarks), from)[0]!;
  }

  /** Rolls complete buckets into every rollup tier; returns the buckets written per tier. */
  rollup(now: number): RollupResult {
    this.assertOpen();
    const steps = this.rollupSteps(now);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /** The same, with a turn of the event loop after each window of buckets (the engine's minutely job). */
  async rollupPaced(now: number): Promise<RollupResult> {
    this.assertOpen();
    const steps = this.rollupSteps(now);
    const pacer = new Pacer(this.pace, 'rollup');
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await pacer.turn();
      if (this.closed) throw new Error(`the metric store ${this.path} was closed during a rollup`);
    }
  }

  private *rollupSteps(now: number): Generator<void, RollupResult> {
    this.tryFlush();
    const before = this.buffer.rows[0]?.ts ?? Number.POSITIVE_INFINITY;
    const { dirtyFrom, lateSamples } = this.intake;
    const result = yield* this.rollups.windows({ now, lagMs: this.rollupLagMs, before, dirtyFrom });
    // A late sample taken in while the windows were rolled is rolled next time.
    if (this.intake.lateSamples === lateSamples) this.intake.dirtyFrom = null;
    this.intake.rolledUntil = this.watermarks.get(FINEST_ROLLUP);
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
    return this.retention.apply(policy, now);
  }

  info(): StoreInfo {
    this.assertOpen();
    const stored = this.counts.totals();
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

  /**
   * 'ok', or the problems PRAGMA integrity_check found, one per line. A page the device could not
   * read throws a PageReadError (SQLITE_IOERR_*), as any other failed read does.
   */
  integrityCheck(): string {
    this.assertOpen();
    return checkPages(this.db, 'integrity_check', this.path).join('\n');
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
    try {
      this.db.close();
    } catch (error) {
      // The last checkpoint failed (a failing device): what was committed stays in the WAL file.
      const { code, cause, advice } = describeFailure(error, this.path);
      throw new Error(`the database ${this.path} could not be closed cleanly (${code}): ${cause}; ${advice}`, {
        cause: error,
      });
    }
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

/** The rollup tier rolled from raw rows: a sample behind its watermark must be rolled again. */
const FINEST_ROLLUP: RolledTier = ROLLED_TIERS[0]!.name;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
