/**
 * Telling a failing device from a damaged file. SQLite reports a page it could not read among the
 * problems PRAGMA integrity_check and quick_check found ("Tree 33 page 33: unable to get the page.
 * error code=8458") instead of failing; and a read the device cut short reaches SQLite as a page of
 * zeros, which it calls malformed (SQLITE_CORRUPT). Either way "move the file aside" would be the
 * wrong advice, and would start an empty history on a failing disk: the failed read is thrown
 * instead, naming the device.
 *
 * @example
 * checkPages(db, 'quick_check', '/data/dashlight.db'); // ['ok'], or the problems, one per entry
 * // a page the disk failed: throws PageReadError, 'cannot read the database /data/dashlight.db
 * // (SQLITE_IOERR_CORRUPTFS): the disk failed a read (an I/O error on the device); check …'
 */
import type Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { errorCode, isCorruption, readFailureText } from './sqlite-errors.js';

/** SQLite's extended I/O error names, by their number above SQLITE_IOERR (sqlite3.h). */
const IOERR_NAMES = [
  '',
  ...(
    'READ SHORT_READ WRITE FSYNC DIR_FSYNC TRUNCATE FSTAT UNLOCK RDLOCK DELETE BLOCKED NOMEM ACCESS ' +
    'CHECKRESERVEDLOCK LOCK CLOSE DIR_CLOSE SHMOPEN SHMSIZE SHMLOCK SHMMAP SEEK DELETE_NOENT MMAP ' +
    'GETTEMPPATH CONVPATH VNODE AUTH BEGIN_ATOMIC COMMIT_ATOMIC ROLLBACK_ATOMIC DATA CORRUPTFS IN_PAGE'
  ).split(' '),
];
const SQLITE_IOERR = 10;

/** A page of the database the device could not read: the file need not be damaged. */
export class PageReadError extends Error {
  constructor(
    readonly code: string,
    file: string,
    /** What SQLite said, e.g. 'Tree 33 page 33: unable to get the page. error code=8458'. */
    readonly problem: string,
  ) {
    super(readFailureText('the database', file, { code }));
    this.name = 'PageReadError';
  }
}

/**
 * The first of `problems` that is a page SQLite could not read, as an error; null when every
 * problem is about the file's content. SQLite names the error's number for a b-tree page; for an
 * overflow or free-list page it names none, and only a failed read makes it fail to get one there.
 */
export function pageReadFailure(problems: readonly string[], file: string): PageReadError | null {
  for (const problem of problems) {
    const number = /unable to get the page\. error code=(\d+)/.exec(problem)?.[1];
    if (number !== undefined) {
      if ((Number(number) & 0xff) !== SQLITE_IOERR) continue;
      const name = IOERR_NAMES[Number(number) >> 8];
      return new PageReadError(name ? `SQLITE_IOERR_${name}` : 'SQLITE_IOERR', file, problem);
    }
    if (/failed to get page \d+/.test(problem)) return new PageReadError('SQLITE_IOERR', file, problem);
  }
  return null;
}

/**
 * Reads `file` and its WAL end to end: a PageReadError when the device fails a read, else null.
 * Only for a file SQLite found damaged, before it is called so (seconds for a year's file).
 */
export function deviceReadFailure(file: string): PageReadError | null {
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (const path of [file, `${file}-wal`]) {
    if (!existsSync(path)) continue;
    let position = 0;
    try {
      const fd = openSync(path, 'r');
      try {
        for (let got = 1; got > 0; position += got) got = readSync(fd, buffer, 0, buffer.length, position);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (errorCode(error) !== 'EIO') return null;
      return new PageReadError('EIO', file, `the read of ${path} at byte ${position} failed (EIO)`);
    }
  }
  return null;
}

/** The error to throw for `error`: the device's failed read when SQLite took it for damage. */
export function damageOrFailedRead(error: unknown, file: string, readWhole = deviceReadFailure): unknown {
  return (isCorruption(error) && readWhole(file)) || error;
}

/** The error a read that failed throws: SQLite's I/O errors as a PageReadError, then as above. */
function failedReadOr(error: unknown, file: string, readWhole = deviceReadFailure): unknown {
  const code = errorCode(error);
  if (code.startsWith('SQLITE_IOERR')) return new PageReadError(code, file, (error as Error).message);
  return damageOrFailedRead(error, file, readWhole);
}

/**
 * Names why a query on one file failed: a read the device failed (SQLite's I/O error, or
 * "malformed" after a read the device cut short) becomes a PageReadError naming the device. The
 * file is read end to end to tell the two apart only until it once reads whole: then "malformed"
 * is damage, and each failing query stays as cheap as it was.
 *
 * @example
 * const failures = new QueryFailures('/data/dashlight.db');
 * const rows = failures.run(() => statement.all());
 */
export class QueryFailures {
  private damaged = false;

  constructor(
    private readonly file: string,
    /** How the file is read end to end (tests count the reads). */
    private readonly readWhole: (file: string) => PageReadError | null = deviceReadFailure,
  ) {}

  explain(error: unknown): unknown {
    if (this.damaged && isCorruption(error)) return error;
    const explained = failedReadOr(error, this.file, this.readWhole);
    this.damaged ||= explained === error && isCorruption(error);
    return explained;
  }

  /** Runs `read`; a failure is thrown as `explain` names it. */
  run<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw this.explain(error);
    }
  }
}

/**
 * Runs `PRAGMA <check>`: ['ok'], or the problems it found. A page the device could not read,
 * among them, cut short, or failing the pragma itself, throws a PageReadError.
 */
export function checkPages(db: Database.Database, check: 'integrity_check' | 'quick_check', file: string): string[] {
  let problems: string[];
  try {
    problems = (db.pragma(check, { simple: false }) as Record<string, string>[]).flatMap((row) =>
      row[check]!.split('\n'),
    );
  } catch (error) {
    throw failedReadOr(error, file);
  }
  if (problems.length === 1 && problems[0] === 'ok') return problems;
  const unreadable = pageReadFailure(problems, file) ?? deviceReadFailure(file);
  if (unreadable) throw unreadable;
  return problems;
}
