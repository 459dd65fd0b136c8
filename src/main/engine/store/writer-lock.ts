/**
 * One writer per database. The writer holds `<database>.lock`, a small SQLite file: its `holder`
 * row says who (pid, since when, which command), and an open write transaction on it is the lock.
 * That lock is the operating system's (a POSIX advisory lock, LockFileEx on Windows), so it ends
 * with the process however the process ends: a lock left by a crash or a `kill -9` is simply free,
 * and the next writer takes it over and writes its own row. Taking the lock is atomic, so two
 * writers starting together cannot both win.
 *
 * Readers never take it: queries open the database read-only beside a running writer.
 *
 * @example
 * const lock = WriterLock.acquire('/data/dashlight.db', { command: 'dashlight run' });
 * // … write …
 * lock.release();
 * // A second writer: DataFileRefusedError('/data/dashlight.db is in use by dashlight run (pid 4242, since …) …')
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { systemClock, type Clock } from '../schedule/clock.js';
import { DataFileRefusedError } from './data-file-refused.js';
import { processHoldingFile } from './process-holding-file.js';
import { errorCode } from './sqlite-errors.js';

export interface LockHolder {
  readonly pid: number;
  /** ISO 8601, UTC. */
  readonly since: string;
  /** What holds it: `dashlight run --serve`, `the Dashlight tray app`, … */
  readonly command: string;
}

export interface WriterLockOptions {
  readonly command: string;
  readonly clock?: Clock;
}

/** Where the lock of `dbFile` lives. */
export const lockFileOf = (dbFile: string): string => `${dbFile}.lock`;

export class WriterLock {
  private constructor(
    private readonly db: Database.Database,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock, or throws DataFileRefusedError naming the holder. */
  static acquire(dbFile: string, options: WriterLockOptions): WriterLock {
    const file = lockFileOf(dbFile);
    const holder: LockHolder = {
      pid: process.pid,
      since: new Date((options.clock ?? systemClock).wall()).toISOString(),
      command: options.command,
    };
    let db: Database.Database;
    try {
      // No busy wait: a writer already there is an answer, not a delay.
      db = new Database(file, { timeout: 0 });
      db.pragma('journal_mode = DELETE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL, command TEXT NOT NULL)');
    } catch (error) {
      if (!isBusy(error))
        throw new Error(`cannot create the lock file ${file} (${errorCode(error)})`, { cause: error });
      throw refusal(dbFile, anyHolder(file));
    }
    // Write who we are, then hold a write transaction for as long as we write the database. In
    // between, another writer may win the race: then it holds the lock and we say so.
    if (!tryBegin(db)) {
      const current = anyHolder(file);
      db.close();
      throw refusal(dbFile, current);
    }
    db.prepare('DELETE FROM holder').run();
    db.prepare('INSERT INTO holder (pid, since, command) VALUES (?, ?, ?)').run(
      holder.pid,
      holder.since,
      holder.command,
    );
    db.exec('COMMIT');
    if (!tryBegin(db)) {
      const current = anyHolder(file);
      db.close();
      throw refusal(dbFile, current);
    }
    return new WriterLock(db, holder);
  }

  /**
   * Who holds the lock of `dbFile` now, or null when no live process does. When the lock file
   * cannot be read (its disk fails reads), the process holding it open says; where that cannot be
   * seen, it throws, naming the file and the error.
   */
  static holder(dbFile: string): LockHolder | null {
    const file = lockFileOf(dbFile);
    if (!existsSync(file)) return null;
    try {
      return recordedHolder(file);
    } catch (error) {
      const found = processHoldingFile(file);
      if (found !== undefined) return found;
      const why = `its lock file ${file} cannot be read (${errorCode(error)})`;
      throw new Error(`cannot tell which process writes ${dbFile}: ${why}`, { cause: error });
    }
  }

  release(): void {
    if (!this.db.open) return;
    try {
      this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = errorCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** BEGIN IMMEDIATE: the write lock, at once or not at all. */
function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

/** The live holder as the lock file records it; throws when the file cannot be read. */
function recordedHolder(file: string): LockHolder | null {
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    if (tryBegin(db)) {
      db.exec('ROLLBACK');
      // On a file system that takes no writes (the kernel stopped it after a write failed on its
      // device), SQLite opens the file read-only and its lock test proves nothing: ask the pid.
      return writable(file) ? null : liveHolder(file);
    }
    return readHolder(file);
  } finally {
    db.close();
  }
}

/**
 * The committed holder row; readers are not blocked by the holder's open write transaction.
 * Throws when the file cannot be read.
 */
function readHolder(file: string): LockHolder | null {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  try {
    return (db.prepare('SELECT pid, since, command FROM holder').get() as LockHolder | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** For a refusal: the recorded holder, else the process holding the file open, else unknown. */
function anyHolder(file: string): LockHolder | null {
  try {
    return readHolder(file);
  } catch {
    return processHoldingFile(file) ?? null;
  }
}

function writable(file: string): boolean {
  try {
    closeSync(openSync(file, 'r+'));
    return true;
  } catch {
    return false;
  }
}

/** The recorded holder, if its process still runs (EPERM: it runs, as another user). */
function liveHolder(file: string): LockHolder | null {
  const holder = readHolder(file);
  if (!holder) return null;
  try {
    process.kill(holder.pid, 0);
    return holder;
  } catch (error) {
    return errorCode(error) === 'EPERM' ? holder : null;
  }
}

function refusal(dbFile: string, holder: LockHolder | null): DataFileRefusedError {
  const who = holder
    ? `${holder.command} (pid ${holder.pid}, since ${holder.since})`
    : 'another Dashlight (it did not say which)';
  return new DataFileRefusedError(
    `${dbFile} is in use by ${who}: one writer per database; stop it first or use another --db. ` +
      'Queries (latest, list, stats, history, export, push status) work beside it',
  );
}
