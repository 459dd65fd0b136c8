/**
 * Opens (or creates) the SQLite file. Before anything is created or written, the path is checked
 * (not /proc, /sys, /dev, a folder or a device; writable, for a writer) and the file identified:
 * another application's database, or one written by a newer Dashlight, is refused and left exactly
 * as it was. A writer then sets the pragmas, marks the file as Dashlight's (application_id), runs
 * the migrations, and records that it has the file open; `PRAGMA quick_check` runs only when the
 * previous writer did not close it cleanly (or when asked), so opening a year of history costs no
 * full read. A damaged file is quarantined, so a bad file never causes a crash loop; a page the
 * disk could not read is not damage, and leaves the file where it is with the disk named.
 *
 * A reader (`readOnly`) opens the file read-only: no folder, no migration, no lock, and of the
 * pragmas only its own page cache's size (nothing written), so queries work beside a running
 * engine, in a read-only folder and on a full disk.
 *
 * @example
 * const { db, kysely, quarantined, check } = await openDatabase('/data/dashlight.db', { log, migrations });
 * check; // { ran: false, reason: 'the last writer closed the file cleanly' }
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log/logger.js';
import { systemClock } from '../schedule/clock.js';
import { VERSION } from '../version.js';
import { DataFileRefusedError } from './data-file-refused.js';
import { checkDataFile } from './data-path.js';
import { APPLICATION_ID, identify, schemaNumber } from './database-identity.js';
import { migrateToLatest, type Migrations } from './migrations.js';
import type { StoreDatabase } from './schema.js';
import { CorruptDatabaseError, describeFailure, errorCode, isCorruption } from './sqlite-errors.js';
import { checkPages, damageOrFailedRead, deviceReadFailure, PageReadError } from './page-check.js';

export interface OpenDatabaseOptions {
  readonly log: Logger;
  /** How long a write waits for another connection's lock before SQLITE_BUSY (default 5 s). */
  readonly busyTimeoutMs?: number | undefined;
  /** Every migration the file may have run: the store's own, or the engine's merged list. */
  readonly migrations: Migrations;
  /** Open read-only: nothing is created, migrated or written. */
  readonly readOnly?: boolean | undefined;
  /** `always`: run PRAGMA quick_check at open whatever happened before (doctor, on request). */
  readonly quickCheck?: 'after-unclean-shutdown' | 'always' | undefined;
}

/** Whether `PRAGMA quick_check` ran at open, why, and what it found. */
export interface OpenCheck {
  readonly ran: boolean;
  readonly reason: string;
  /** 'ok', or the problems (the file was then quarantined); null when it did not run. */
  readonly result: string | null;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly kysely: Kysely<StoreDatabase>;
  readonly quarantined: string | null;
  readonly check: OpenCheck;
}

/** WAL readers never block the writer; the WAL is trimmed back to this size after checkpoints. */
const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;
/**
 * Each connection's page cache, in KiB: SQLite's own default, where better-sqlite3 sets 16 MB. The
 * file is in the OS's cache anyway, and history reads seldom touch a page twice (measured: the same
 * latency for 1 h to 1 y). A 16 MB cache, filled once by a week's `stats` or the quick_check after
 * a crash, stays resident for good and leaves the C heap under it fragmented: `run --serve` kept
 * about 20 MB more after a tour of requests.
 */
const PAGE_CACHE_KIB = 2000;
/** The meta row a writer keeps while it has the file open: still there at open means it crashed. */
const OPEN_BY = 'open_by';

export async function openDatabase(file: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  checkDataFile(file, options.readOnly ? 'read' : 'write');
  refuseIfNotOurs(file, options.migrations);
  if (options.readOnly) return openReadOnly(file);
  ensureFolder(file);
  try {
    return { ...(await connect(file, options)), quarantined: null };
  } catch (error) {
    if (!isCorruption(error)) throw explainOpenFailure(error, file);
    const unreadable = deviceReadFailure(file);
    if (unreadable) throw unreadable;
    const quarantined = quarantine(file);
    options.log.warn(
      { file, quarantined, code: errorCode(error), err: error },
      `database file was damaged; moved it to ${quarantined} and started a new one (the old file is kept for recovery)`,
    );
    try {
      return { ...(await connect(file, options)), quarantined };
    } catch (retryError) {
      throw explainOpenFailure(retryError, file);
    }
  }
}

/** Refuses another application's database and one written by a newer Dashlight, touching neither. */
export function refuseIfNotOurs(file: string, migrations: Migrations): void {
  const identity = identify(file, Object.keys(migrations));
  if (identity.kind === 'foreign')
    throw new DataFileRefusedError(
      `${file} is ${identity.what}, not a Dashlight database; it was left untouched: give Dashlight a file of its own with --db FILE or DASHLIGHT_DATA_DIR=/path`,
    );
  if (identity.kind === 'newer') {
    const by = identity.by === null ? `a newer Dashlight (schema ${identity.schema})` : `Dashlight ${identity.by}`;
    throw new DataFileRefusedError(
      `${file} was written by ${by}, newer than this Dashlight ${VERSION} (schema ${schemaNumber(Object.keys(migrations))}); upgrade Dashlight to open it. The file was left untouched`,
    );
  }
}

function openReadOnly(file: string): OpenedDatabase {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    // The first statement reads the schema: a read the disk failed may show here as damage.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  } catch (error) {
    db?.close();
    throw explainOpenFailure(damageOrFailedRead(error, file), file);
  }
  const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
  return { db, kysely, quarantined: null, check: { ran: false, reason: 'opened read-only', result: null } };
}

async function connect(file: string, options: OpenDatabaseOptions): Promise<Omit<OpenedDatabase, 'quarantined'>> {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    // auto_vacuum only takes effect before the first table exists, so it goes first.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    const check = quickCheck(db, file, options.quickCheck ?? 'after-unclean-shutdown');
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    await migrateToLatest(kysely, options.migrations);
    markOurs(db, options.migrations);
    return { db, kysely, check };
  } catch (error) {
    db?.close();
    throw error;
  }
}

/** Runs PRAGMA quick_check when the last writer did not close cleanly (or always, on request). */
function quickCheck(db: Database.Database, file: string, when: 'after-unclean-shutdown' | 'always'): OpenCheck {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  const openBy = hasMeta ? openMark(db) : null;
  let reason: string;
  if (when === 'always') reason = 'asked for';
  else if (openBy !== null) reason = `the last writer (${openBy}) did not close it cleanly`;
  else
    return {
      ran: false,
      reason: hasMeta ? 'the last writer closed it cleanly' : 'a new file',
      result: null,
    };
  const problems = checkPages(db, 'quick_check', file).join('; ');
  if (problems !== 'ok') throw new CorruptDatabaseError(file, problems);
  return { ran: true, reason, result: 'ok' };
}

/** Marks the file as Dashlight's, notes who wrote it, and that a writer has it open now. */
function markOurs(db: Database.Database, migrations: Migrations): void {
  const schema = schemaNumber(Object.keys(migrations));
  const fresh = (db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID;
  db.pragma(`application_id = ${APPLICATION_ID}`);
  if ((db.pragma('user_version', { simple: true }) as number) < schema) db.pragma(`user_version = ${schema}`);
  const set = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    set.run('written_by', VERSION);
    set.run(OPEN_BY, `pid ${process.pid} since ${new Date(systemClock.wall()).toISOString()}`);
  })();
  // The mark lives in the header page: put it in the file now, not at the next checkpoint.
  if (fresh) db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Closes the connection. A writer that committed everything (`markClean`) ends its session first:
 * the open mark is removed and the file is switched back to a rollback journal, so it can be read
 * where no `-shm` file can be made (a read-only folder). A reader still attached keeps it in WAL
 * mode, which is as readable.
 */
export function closeDatabase(db: Database.Database, file: string, { markClean }: { markClean: boolean }): void {
  if (markClean) {
    try {
      db.prepare('DELETE FROM meta WHERE key = ?').run(OPEN_BY);
      db.pragma('journal_mode = DELETE');
    } catch {
      // Busy (a reader), or a full disk: the next writer runs quick_check, which is only cautious.
    }
  }
  try {
    db.close();
  } catch (error) {
    // The last checkpoint failed (a failing device): what was committed stays in the WAL file.
    const { code, cause, advice } = describeFailure(error, file);
    throw new Error(`the database ${file} could not be closed cleanly (${code}): ${cause}; ${advice}`, {
      cause: error,
    });
  }
}

/** The open mark a writer left (`pid … since …`), or null when it closed the file cleanly. */
export function openMark(db: Database.Database): string | null {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(OPEN_BY) as string | undefined) ?? null;
}

function ensureFolder(file: string): void {
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new Error(
      `cannot create the data folder ${folder} (${errorCode(error)}): fix its permissions, or choose another folder with --db or DASHLIGHT_DATA_DIR`,
      { cause: error },
    );
  }
}

function explainOpenFailure(error: unknown, file: string): Error {
  // Already says what failed and what to do; a rewording would guess "write" from the code.
  if (error instanceof DataFileRefusedError || error instanceof PageReadError) return error;
  if (errorCode(error) === 'UNKNOWN') return error instanceof Error ? error : new Error(String(error));
  const { code, cause, advice } = describeFailure(error, file);
  return new Error(`cannot open the database ${file} (${code}): ${cause}; ${advice}`, { cause: error });
}

/** Renames the file and its WAL/SHM side files to `<name>.corrupt-<timestamp>`; returns the new name. */
export function quarantine(file: string): string {
  const stamp = new Date(systemClock.wall()).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  try {
    renameSync(file, target);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
    }
  } catch (error) {
    throw new Error(
      `database ${file} is damaged and could not be moved aside (${errorCode(error)}): move or delete it by hand, then restart`,
      { cause: error },
    );
  }
  return target;
}
