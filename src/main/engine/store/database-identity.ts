/**
 * Whose database a file is, found without changing it: Dashlight marks its files with
 * `PRAGMA application_id` (and `user_version`, how many migrations its writer knew), so another
 * application's SQLite file is recognised and refused untouched, and so is a file written by a
 * newer Dashlight. Files made before the mark (0.1.0) are recognised by their tables and adopted.
 *
 * The first 100 bytes are read directly (the SQLite header holds both numbers); only when that is
 * not enough is the file opened read-only to list its tables.
 *
 * @example
 * identify('/home/me/.config/Dashlight/dashlight.db', ['0001_initial', …]);
 * // { kind: 'ours' } | { kind: 'fresh' } | { kind: 'foreign', what: '…' } | { kind: 'newer', by: '0.3.0' } | …
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { errorCode, readFailureText } from './sqlite-errors.js';

/** 'DSHL': what `PRAGMA application_id` says in every Dashlight database. */
export const APPLICATION_ID = 0x4453_484c;
const SQLITE_MAGIC = 'SQLite format 3\0';

export type Identity =
  | { readonly kind: 'fresh' }
  /** `behind`: it has not run every migration this version knows yet (it was made by an older one). */
  | { readonly kind: 'ours'; readonly behind: boolean }
  /** Not an SQLite file at all: damaged, or not a database (the caller quarantines it). */
  | { readonly kind: 'not-sqlite' }
  | { readonly kind: 'foreign'; readonly what: string }
  | { readonly kind: 'newer'; readonly by: string | null; readonly schema: number };

interface Header {
  readonly magic: string;
  readonly userVersion: number;
  readonly applicationId: number;
}

function readHeader(file: string): Header | null {
  let fd: number;
  try {
    if (statSync(file).size === 0) return null;
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const bytes = Buffer.alloc(100);
    let read: number;
    try {
      read = readSync(fd, bytes, 0, 100, 0);
    } catch (error) {
      // A disk failing reads: said as such, with what to do, not as a bare "EIO".
      if (errorCode(error) !== 'EIO') throw error;
      throw new Error(readFailureText('the database', file, error), { cause: error });
    }
    if (read < 100) return { magic: '', userVersion: 0, applicationId: 0 };
    return {
      magic: bytes.toString('latin1', 0, 16),
      userVersion: bytes.readUInt32BE(60),
      applicationId: bytes.readUInt32BE(68),
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * The schema version a list of migrations makes: how many there are. Not the highest number:
 * numbers are handed out ahead of time and may land in any order (a 0010 before a 0009), and a
 * version that adds the 0009 later must still see a file without it as behind. Every version
 * knows all the migrations of the ones before it, so the count only grows; while every number up
 * to the highest has shipped (0001–0008 today) it equals the highest number, so files marked by
 * earlier versions read the same.
 */
export function schemaNumber(names: readonly string[]): number {
  return new Set(names).size;
}

interface Probe {
  readonly tables: string[];
  readonly migrations: string[];
  readonly writtenBy: string | null;
}

/**
 * Lists what the file holds, read-only; null when it cannot be opened that way. A reader of a WAL
 * database may create its `-wal` and `-shm` files: those it made are removed again, so a file
 * that turns out not to be ours is left exactly as it was found.
 */
function probe(file: string): Probe | null {
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    const migrations = tables.includes('kysely_migration')
      ? (db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name)
      : [];
    const writtenBy = tables.includes('meta')
      ? ((db.prepare("SELECT value FROM meta WHERE key = 'written_by'").pluck().get() as string | undefined) ?? null)
      : null;
    return { tables, migrations, writtenBy };
  } catch {
    return null;
  } finally {
    db?.close();
    for (const side of sideFiles) rmSync(side, { force: true });
  }
}

function listTables(tables: readonly string[]): string {
  const shown = tables.slice(0, 5).join(', ');
  return tables.length > 5 ? `${shown} and ${tables.length - 5} more` : shown;
}

/** What `file` is, for a Dashlight that knows the migrations `known`. Never writes to the file. */
export function identify(file: string, known: readonly string[]): Identity {
  const header = readHeader(file);
  if (header === null) return { kind: 'fresh' };
  if (header.magic !== SQLITE_MAGIC) return { kind: 'not-sqlite' };
  const ours = header.applicationId === APPLICATION_ID;
  if (header.applicationId !== 0 && !ours) {
    const id = `0x${header.applicationId.toString(16).padStart(8, '0')}`;
    const tables = probe(file)?.tables ?? [];
    return {
      kind: 'foreign',
      what: `another application's SQLite database (application_id ${id}${tables.length > 0 ? `; tables ${listTables(tables)}` : ''})`,
    };
  }
  const mine = schemaNumber(known);
  // A marked file of this version needs no look inside; an unmarked or newer one does.
  const found = ours && header.userVersion <= mine ? null : probe(file);
  const unknown = found?.migrations.filter((name) => !known.includes(name)) ?? [];
  // The list of migrations it ran is the truth when it could be read: a mark above ours with no
  // migration we do not know is a file of an older count (a store-only file of 0.1.0 says 5).
  const newer = found === null ? ours && header.userVersion > mine : unknown.length > 0;
  if (ours && found !== null && !newer)
    return { kind: 'ours', behind: known.some((k) => !found.migrations.includes(k)) };
  if (newer)
    return {
      kind: 'newer',
      by: found?.writtenBy ?? null,
      schema: Math.max(header.userVersion, schemaNumber([...known, ...unknown])),
    };
  if (ours) return { kind: 'ours', behind: header.userVersion < mine };
  // No mark: an empty file, one Dashlight made before the mark existed, or someone else's.
  if (found === null) return { kind: 'ours', behind: true };
  if (found.tables.length === 0) return { kind: 'fresh' };
  if (found.migrations.includes('0001_initial') && found.tables.includes('samples'))
    return { kind: 'ours', behind: true };
  return { kind: 'foreign', what: `an SQLite database of another application (tables ${listTables(found.tables)})` };
}
