/**
 * Opens (or creates) the SQLite file: folder creation, pragmas, a quick integrity check,
 * migrations, and quarantine of a damaged file so a bad file never causes a crash loop.
 *
 * @example
 * const { db, kysely, quarantined } = await openDatabase('/data/dashlight.db', { log, migrations });
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log/logger.js';
import { systemClock } from '../schedule/clock.js';
import { migrateToLatest, type Migrations } from './migrations.js';
import type { StoreDatabase } from './schema.js';
import { CorruptDatabaseError, describeFailure, errorCode, isCorruption } from './sqlite-errors.js';

export interface OpenDatabaseOptions {
  readonly log: Logger;
  /** How long a write waits for another connection's lock before SQLITE_BUSY (default 5 s). */
  readonly busyTimeoutMs?: number | undefined;
  /** Every migration the file may have run: the store's own, or the engine's merged list. */
  readonly migrations: Migrations;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly kysely: Kysely<StoreDatabase>;
  readonly quarantined: string | null;
}

/** WAL readers never block the writer; the WAL is trimmed back to this size after checkpoints. */
const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

export async function openDatabase(file: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  ensureFolder(file);
  try {
    return { ...(await connect(file, options)), quarantined: null };
  } catch (error) {
    if (!isCorruption(error)) throw explainOpenFailure(error, file);
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

async function connect(file: string, options: OpenDatabaseOptions): Promise<Omit<OpenedDatabase, 'quarantined'>> {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    // auto_vacuum only takes effect before the first table exists, so it goes first.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const problems = check.map((row) => row.quick_check).join('; ');
    if (problems !== 'ok') throw new CorruptDatabaseError(file, problems);
    const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
    await migrateToLatest(kysely, options.migrations);
    return { db, kysely };
  } catch (error) {
    db?.close();
    throw error;
  }
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
