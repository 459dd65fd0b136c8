/**
 * Turns SQLite and file-system errors into a cause a user can act on.
 *
 * @example
 * describeFailure(err, '/data/dashlight.db')
 * // { code: 'SQLITE_FULL', cause: 'the disk is full', advice: 'free space on the disk holding /data, ...' }
 */
import { dirname } from 'node:path';
import { failedFileSystem, type FailedFileSystem } from './failed-file-system.js';

export interface FailureDescription {
  readonly code: string;
  readonly cause: string;
  readonly advice: string;
}

/** The error code of a better-sqlite3 SqliteError or a Node system error, or 'UNKNOWN'. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return 'UNKNOWN';
}

/** The file is not a database or its pages are damaged: it should be moved aside. */
export function isCorruption(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || error instanceof CorruptDatabaseError;
}

/** The process may not create, read or write the file or its folder. */
export function isPermissionProblem(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH'
  );
}

/** Raised when `PRAGMA quick_check` reports problems. */
export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string,
  ) {
    super(`database ${file} failed its integrity check: ${problems}`);
    this.name = 'CorruptDatabaseError';
  }
}

/** What a failed open, read or write of `file` means; `reading`: the failed call was a read (Node's EIO does not say). */
export function describeFailure(error: unknown, file: string, reading = false): FailureDescription {
  const code = errorCode(error);
  const folder = dirname(file);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return {
      code,
      cause: 'the disk is full',
      advice: `free space on the disk holding ${folder}, or lower storage.retention (maxSizeMb) in the settings`,
    };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return {
      code,
      cause: 'the database is locked by another process',
      advice: `close the other program using ${file} (another Dashlight, or a sqlite3 shell holding a transaction)`,
    };
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return deviceFailure(code, folder, failedFileSystem(folder), reading);
  if (isPermissionProblem(error)) {
    // A file system the kernel stopped after a failed write refuses writes as if read-only.
    const failed = failedFileSystem(folder);
    if (failed) return deviceFailure(code, folder, failed, reading);
    return {
      code,
      cause: 'the database cannot be written (read-only file, folder or file system)',
      advice: `make ${file} and ${folder} writable by this user, or choose another data folder with --db or DASHLIGHT_DATA_DIR`,
    };
  }
  if (isCorruption(error))
    return {
      code,
      cause: 'the database file is damaged',
      advice: 'restart Dashlight: a damaged file is moved aside and a new one created',
    };
  const message = error instanceof Error ? error.message : String(error);
  return { code, cause: message, advice: 'see the log for details' };
}

/**
 * A read the device failed, said as such: `cannot read the database /d/x.db (EIO): the disk failed
 * a read (an I/O error on the device); check …`.
 */
export function readFailureText(what: string, file: string, error: unknown): string {
  const { code, cause, advice } = describeFailure(error, file, true);
  return `cannot read ${what} ${file} (${code}): ${cause}; ${advice}`;
}

/**
 * A write that failed on the device (SQLITE_IOERR, EIO), or the file system the kernel stopped
 * after one: what it is and what to do, never "read-only" or "full".
 */
function deviceFailure(
  code: string,
  folder: string,
  failed: FailedFileSystem | null,
  reading = false,
): FailureDescription {
  const check = failed
    ? `check ${failed.device}, mounted on ${failed.mountPoint} (the kernel's log, dmesg, says what failed; its file system stopped taking writes after the error)`
    : `check the disk holding ${folder} (the kernel's log, dmesg, says what failed; it may be failing or unplugged)`;
  return {
    code,
    cause: `the disk failed a ${reading || /READ/.test(code) ? 'read' : 'write'} (an I/O error on the device)`,
    advice: `${check}, repair it (unmount, fsck) or move the database to another disk with --db`,
  };
}
