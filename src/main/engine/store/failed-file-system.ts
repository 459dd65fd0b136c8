/**
 * Whether the file system holding a path was stopped by the kernel after a write failed on its
 * device: ext4 aborts its journal and turns itself read-only (`emergency_ro` in the super block's
 * options on recent kernels; on older ones `ro` under a mount still marked `rw`, with
 * `errors=remount-ro`). Writes then fail with EROFS (SQLite: SQLITE_READONLY), although no one
 * made anything read-only: the cause is the device, and the user must hear about the device. Linux only (`/proc/self/mountinfo`); elsewhere
 * it never answers.
 *
 * @example
 * failedFileSystem('/mnt/usb/dashlight.db')
 * // { mountPoint: '/mnt/usb', device: '/dev/sdb1' } after the disk failed a write, else null
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, sep } from 'node:path';

export interface FailedFileSystem {
  readonly mountPoint: string;
  readonly device: string;
}

/** The mount's fields we need from one line of /proc/self/mountinfo (see proc(5)). */
interface MountLine {
  readonly mountPoint: string;
  readonly mountOptions: readonly string[];
  readonly device: string;
  readonly superOptions: readonly string[];
}

/** mountinfo writes spaces, tabs, newlines and backslashes in paths as octal escapes (`\040`). */
const unescape = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMountInfo(text: string): MountLine[] {
  const mounts: MountLine[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 6 || fields.length < dash + 4) continue;
    mounts.push({
      mountPoint: unescape(fields[4]!),
      mountOptions: fields[5]!.split(','),
      device: unescape(fields[dash + 2]!),
      superOptions: fields[dash + 3]!.split(','),
    });
  }
  return mounts;
}

/** The nearest existing part of `path`, with its links resolved. */
function realExisting(path: string): string | null {
  for (let current = path; ; current = dirname(current)) {
    try {
      return realpathSync(current);
    } catch {
      if (dirname(current) === current) return null;
    }
  }
}

/** The mount holding `path` in `mounts` (the last, longest match: later mounts hide earlier ones). */
export function mountOf(mounts: readonly MountLine[], path: string): MountLine | null {
  let found: MountLine | null = null;
  for (const mount of mounts) {
    const point = mount.mountPoint;
    const holds = point === '/' || path === point || path.startsWith(point.endsWith(sep) ? point : point + sep);
    if (holds && (!found || point.length >= found.mountPoint.length)) found = mount;
  }
  return found;
}

/** The kernel stopped writes after an error, while the mount itself was asked for read-write. */
export function stoppedAfterError(mount: MountLine): boolean {
  return (
    mount.superOptions.includes('emergency_ro') ||
    (mount.mountOptions.includes('rw') &&
      mount.superOptions.includes('ro') &&
      mount.superOptions.includes('errors=remount-ro'))
  );
}

export function failedFileSystem(path: string, mountInfo = '/proc/self/mountinfo'): FailedFileSystem | null {
  if (process.platform !== 'linux') return null;
  const real = realExisting(path);
  if (real === null) return null;
  let text: string;
  try {
    text = readFileSync(mountInfo, 'utf8');
  } catch {
    return null;
  }
  const mount = mountOf(parseMountInfo(text), real);
  return mount && stoppedAfterError(mount) ? { mountPoint: mount.mountPoint, device: mount.device } : null;
}
