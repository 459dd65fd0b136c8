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
import type { HistoryResult, ListResult, StatsResult } from '../../../shared/queries.js';
import type { Gap, Sample } from '../../../shared/sample.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { AggregateSink } from './bucket-accumulator.js';
import { readHistory, type HistoryQuery } from './history.js';
import { DEFAULT_MAX_PENDING, type MetricStoreOptions, type StoreInfo } from './metric-store-options.js';
import { STORE_MIGRATIONS } from './migrations.js';
import { closeDatabase, openDatabase, openMark, type OpenCheck } from './open-database.js';
import { Pacer } from './pacer.js';
import { checkPages, damageOrFailedRead } from './page-check.js';
import { readStats, type StatsQuery } from './range-stats.js';
import type { RetentionPolicy, RetentionReport } from './retention.js';
import type { RollupResult } from './rollup.js';
import { rollupPass, runPaced, runToEnd } from './rollup-pass.js';
import type { ListQuery } from './sample-list.js';
import type { SampleRange } from './sample-range.js';
import type { RolledTier, StoreDatabase, StoreTier } from './schema.js';
import { SeriesIndex } from './series-index.js';
import type { FailureDescription } from './sqlite-errors.js';
import { storeComponents, storeInfo, type StoreComponents } from './store-components.js';
import { eligibleTiers, extents } from './tier-choice.js';

export type { MetricStoreOptions, StoreInfo } from './metric-store-options.js';

export class MetricStore {
  private readonly log: Logger;
  private readonly parts: StoreComponents;
  private readonly rollupLagMs: number;
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
    this.parts = storeComponents(db, kysely, {
      file: path,
      log: this.log,
      maxPendingRows: options.maxPendingRows ?? DEFAULT_MAX_PENDING,
    });
    this.range = this.parts.range;
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
    else this.parts.intake.append(sample);
  }

  /** Buffers a gap (committed with the next flush). Never throws. */
  recordGap(gap: Gap): void {
    if (this.closed) this.log.error({ gap }, 'gap not recorded: the store is closed');
    else this.parts.intake.recordGap(gap);
  }

  /**
   * Commits buffered rows and gaps in one transaction; returns the sample rows written.
   * On failure the rows stay buffered for the next flush, and an Error naming the cause is thrown.
   */
  flush(): number {
    if (this.closed) return 0;
    const { rows, newestTs } = this.parts.committer.commit();
    this.parts.intake.noteStored(newestTs);
    return rows;
  }

  pendingCount(): number {
    return this.parts.buffer.size;
  }

  /** Rows the buffer holds while commits fail before the oldest are dropped. */
  get pendingLimit(): number {
    return this.options.maxPendingRows ?? DEFAULT_MAX_PENDING;
  }

  /** Why commits fail now (a full disk, a read-only file…), or null while they work. */
  commitFailure(): FailureDescription | null {
    return this.parts.committer.failure;
  }

  /** Samples dropped because the buffer overflowed while commits failed. */
  droppedCount(): number {
    return this.parts.buffer.dropped;
  }

  /** The newest sample, buffered or stored. */
  latest(): Sample | null {
    return this.query(() => (this.parts.intake.last ??= this.parts.sampleList.newestStored()));
  }

  list(input: ListQuery): ListResult {
    return this.query(() => this.parts.sampleList.page(input));
  }

  history(input: HistoryQuery): HistoryResult {
    const { gapTable, buffer } = this.parts;
    return this.query(() => readHistory(this.parts, (from, to) => gapTable.overlapping(from, to, buffer.gaps), input));
  }

  /** Stats over a range; long scans give the event loop a turn every few ms (pacer.ts). */
  async stats(input: StatsQuery): Promise<StatsResult> {
    this.assertOpen();
    try {
      return await readStats(this.parts, input, new Pacer(this.options.pace ?? {}, 'stats'));
    } catch (error) {
      throw this.parts.failures.explain(error);
    }
  }

  /** Rows read by every query and rollup since the store was opened (for tests and the benchmark). */
  get rowsRead(): number {
    return this.parts.reader.rowsRead;
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
    const index = keys ? SeriesIndex.of(keys) : SeriesIndex.open();
    this.query(() => this.parts.reader.scanAggregated(tier, from, to, index, sink));
    return index.keys;
  }

  /**
   * Called before retention deletes raw rows older than `before`, inside the same transaction
   * (the push outbox counts the samples its targets lose; see push/outbox-store.ts).
   */
  onRawDelete(hook: ((before: number) => void) | null): void {
    this.parts.retention.beforeRawDelete = hook;
  }

  /** A small value a feature keeps across restarts (`meta` table), or null. */
  readMeta(key: string): string | null {
    this.assertOpen();
    return this.parts.meta.get(key);
  }

  /** Saves a small value under `key` (committed at once). */
  writeMeta(key: string, value: string): void {
    this.assertOpen();
    this.parts.meta.set(key, value);
  }

  /** Every series key ever stored, in the order first seen. */
  knownSeries(): string[] {
    this.assertOpen();
    return this.parts.registry.keys();
  }

  /** The finest tier whose data reaches back to `from` (what "auto" resolution exports). */
  finestTierFrom(from: number): StoreTier {
    this.assertOpen();
    return eligibleTiers(extents(this.parts.reader, this.parts.watermarks), from)[0]!;
  }

  /** Rolls complete buckets into every rollup tier; returns the buckets written per tier. */
  rollup(now: number): RollupResult {
    this.assertOpen();
    this.tryFlush();
    return runToEnd(rollupPass(this.parts, now, this.rollupLagMs));
  }

  /** The same, with a turn of the event loop after each window of buckets (the engine's minutely job). */
  async rollupPaced(now: number): Promise<RollupResult> {
    this.assertOpen();
    this.tryFlush();
    return runPaced(rollupPass(this.parts, now, this.rollupLagMs), new Pacer(this.options.pace ?? {}, 'rollup'), () => {
      if (this.closed) throw new Error(`the metric store ${this.path} was closed during a rollup`);
    });
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
    return this.parts.retention.apply(policy, now);
  }

  /** The file's size and what it holds, counting what the buffer has not committed yet. */
  info(): StoreInfo {
    this.assertOpen();
    return storeInfo(this.parts, this.path);
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
    return openMark(this.db);
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
      this.log.error(
        { lost: this.parts.buffer.size },
        'closing with samples that could not be committed; they are lost',
      );
    }
    this.closed = true;
    closeDatabase(this.db, this.path, { markClean: clean && !this.readOnly });
  }

  private tryFlush(): void {
    try {
      this.flush();
    } catch {
      // Already logged; buffered rows stay visible to queries and wait for the next commit.
    }
  }

  /** Runs a read; a read the device failed is named as such, never "malformed" (page-check.ts). */
  private query<T>(read: () => T): T {
    this.assertOpen();
    return this.parts.failures.run(read);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the metric store ${this.path} is closed`);
  }
}
