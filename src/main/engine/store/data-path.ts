/**
 * Checks a database path before anything is created or opened there: a path under /proc, /sys or
 * /dev (or on such a file system) is refused at once (Node's recursive mkdir spins forever under
 * /proc), as are a folder or a device in the database's place, and, for a writer, a file or folder
 * it may not write. Each refusal names what the path is and the fix.
 *
 * @example
 * checkDataFile('/proc/self/x.db', 'write'); // throws DataFileRefusedError('/proc/self/x.db is under /proc, …')
 */
import { accessSync, constants, lstatSync, statfsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { DataFileRefusedError } from './data-file-refused.js';
import { failedFileSystem, type FailedFileSystem } from './failed-file-system.js';

const CHOOSE = 'choose a file on a disk with --db FILE or DASHLIGHT_DATA_DIR=/path';

/** Kernel file systems that hold no data: statfs(2) magic numbers. */
const KERNEL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, '/proc, the kernel’s view of its processes'],
  [0x62656572, '/sys, the kernel’s view of its devices'],
  [0x1cd1, 'a terminal file system (devpts)'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'a cgroup file system'],
  [0x63677270, 'a cgroup file system'],
  [0x74726163, 'tracefs'],
]);

const SPECIAL_ROOTS: readonly [string, string][] = [
  ['/proc', '/proc, the kernel’s view of its processes'],
  ['/sys', '/sys, the kernel’s view of its devices'],
  ['/dev', '/dev, where devices live'],
];

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The nearest part of `path` that exists (the path itself, or an ancestor). */
function existingAncestor(path: string): string {
  for (let current = path; ; current = dirname(current)) {
    try {
      statSync(current);
      return current;
    } catch {
      if (dirname(current) === current) return current;
    }
  }
}

function describeType(file: string): string | null {
  let info;
  try {
    info = lstatSync(file);
  } catch {
    return null;
  }
  if (info.isSymbolicLink()) {
    try {
      info = statSync(file);
    } catch {
      return null;
    }
  }
  if (info.isDirectory()) return 'folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isFIFO()) return 'named pipe';
  if (info.isSocket()) return 'socket';
  return null;
}

/** Why this user cannot write `path` (an existing file or folder), or null when it can. */
export function writeProblem(path: string): string | null {
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    if (code === 'EROFS') return `the file system holding ${path} is mounted read-only (EROFS)`;
    if (code === 'EACCES' || code === 'EPERM') return `${path} is not writable by this user (${code})`;
    return null;
  }
}

/**
 * Throws DataFileRefusedError when `file` cannot be Dashlight's database. `write`: this process
 * would write it (and its folder), so both must be writable; `read`: it only reads.
 */
export function checkDataFile(file: string, access: 'read' | 'write'): void {
  const path = resolve(file);
  const special = SPECIAL_ROOTS.find(([root]) => under(path, root) && !under(path, '/dev/shm'));
  if (process.platform !== 'win32' && special)
    throw new DataFileRefusedError(`${path} is under ${special[1]}, not a place for data: ${CHOOSE}`);
  const existing = existingAncestor(path);
  if (process.platform === 'linux') {
    let type: number | null = null;
    try {
      type = statfsSync(existing).type;
    } catch {
      // Not knowing the file system is no reason to refuse.
    }
    const kernel = type === null ? undefined : KERNEL_FILE_SYSTEMS.get(type);
    if (kernel) throw new DataFileRefusedError(`${path} is on ${kernel}, not a place for data: ${CHOOSE}`);
  }
  const kind = describeType(path);
  if (kind === 'folder')
    throw new DataFileRefusedError(
      `${path} is a folder, not a database file: give a file in it, e.g. --db ${join(path, 'dashlight.db')}`,
    );
  if (kind !== null) throw new DataFileRefusedError(`${path} is a ${kind}, not a database file: ${CHOOSE}`);
  if (access === 'read') return;
  const failed = failedFileSystem(existing);
  if (failed)
    throw new DataFileRefusedError(
      `cannot write the database ${path}: ${failedText(failed)}. Queries (latest, list, stats, history, export) still work`,
    );
  const problem = writeProblem(existing === path ? path : existing);
  const folderProblem = existing === path ? writeProblem(dirname(path)) : null;
  const why = problem ?? folderProblem;
  if (why !== null) {
    const target = problem !== null ? existing : dirname(path);
    const fix = why.includes('EROFS')
      ? `remount it read-write, or ${CHOOSE}`
      : `make it writable (chmod u+w ${target}), or ${CHOOSE}`;
    throw new DataFileRefusedError(
      `cannot write the database ${path}: ${why}; ${fix}. Queries (latest, list, stats, history, export) still work`,
    );
  }
}

/** A file system the kernel stopped after a write failed on its device: the device is the problem. */
export function failedText(failed: FailedFileSystem): string {
  return (
    `a write failed on ${failed.device} (an I/O error on the device) and its file system, mounted on ${failed.mountPoint}, ` +
    "stopped taking writes; check the disk (the kernel's log, dmesg, says what failed), repair it (unmount, fsck) " +
    'or move the database to another disk with --db'
  );
}
