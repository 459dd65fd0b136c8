/**
 * The one procfs/sysfs reader of the collectors (hardware metrics and the process list alike).
 * Reads one small text file from procfs/sysfs. A missing or unreadable file is a normal answer on
 * this machine (no swap, no battery, hardened /proc), not an error, so it reads as undefined.
 *
 * @example
 * const text = await readProcText('/proc', 'net/dev'); // string | undefined
 */
import { close, closeSync, openSync, readSync } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ENODEV', 'ENXIO', 'EINVAL', 'EIO']);

export function isAbsentError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && ABSENT.has(error.code);
}

/** The names in a procfs/sysfs folder; none when it does not exist (no battery, no hwmon, a VM). */
export async function readProcDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isAbsentError(error)) return [];
    throw error;
  }
}

/** The file's text, or undefined when it does not exist or cannot be read. */
export async function readProcText(root: string, relativePath: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, relativePath), 'utf8');
  } catch (error) {
    if (isAbsentError(error)) return undefined;
    throw error;
  }
}

/** A file holding one number (sysfs style), or undefined when it is absent or not a number. */
export async function readProcNumber(root: string, relativePath: string): Promise<number | undefined> {
  const text = await readProcText(root, relativePath);
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

/**
 * Reads a small procfs file in one read into a caller-owned buffer: a pass over /proc reads
 * hundreds of them, and `readFile` would stat, then allocate a 64 KB chunk per file (procfs
 * reports size 0). Undefined when the file is gone (the process exited between the listing and
 * the read); a longer file comes back cut at the buffer's size.
 *
 * @example
 * const stat = await readProcOnce('/proc/1/stat', Buffer.allocUnsafe(8192));
 */
export async function readProcOnce(path: string, buffer: Buffer): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r');
    try {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close().catch(() => {});
    }
  } catch {
    // ENOENT, or ESRCH when the process exits between open and read: both mean it vanished.
    return undefined;
  }
}

/**
 * A procfs file read every tick: kept open and re-read from offset 0 into a reused buffer, the way
 * top and htop do. `readFile` would open, stat and allocate a fresh 64 KB chunk on every call
 * (procfs files report size 0), which at 1 Hz is steady garbage the engine does not need to make.
 *
 * The reads are synchronous: procfs is generated in memory by the kernel and never waits on a
 * disk, so a read takes microseconds, while an asynchronous one costs a trip through libuv's
 * thread pool and a promise per call, most of a tick's CPU with five files. (A fixture tree in a
 * test is on a disk, but is small and in the page cache.)
 *
 * @example
 * const stat = new ProcFile('/proc/stat');
 * const text = await stat.readText(); // string | undefined
 * await stat.close();
 */
export class ProcFile {
  private fd: number | undefined;
  private buffer = Buffer.allocUnsafe(8192);

  constructor(readonly path: string) {}

  async readText(): Promise<string | undefined> {
    return this.readNow();
  }

  /** The same read, synchronously. */
  readNow(): string | undefined {
    return this.readBytes()?.toString('utf8');
  }

  /**
   * The file's bytes, for a parser that reads them without decoding text first (a file with a
   * line per network interface). A view of this reader's buffer: valid until the next read.
   */
  readBytes(): Buffer | undefined {
    try {
      this.fd ??= openSync(this.path, 'r');
      let length = 0;
      for (;;) {
        const bytesRead = readSync(this.fd, this.buffer, length, this.buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger, 0, 0, length);
          this.buffer = bigger;
        }
      }
      return this.buffer.subarray(0, length);
    } catch (error) {
      // A file that went away (hot-unplug, a vanished procfs) is reopened on the next read.
      this.closeNow();
      if (isAbsentError(error)) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  private closeNow(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // Already gone.
    }
  }
}

/**
 * A procfs file held open by descriptor and re-read from offset 0 (pread), for the files a pass
 * over the process table reads for every process: one system call per read instead of open,
 * read and close. A descriptor of /proc/<pid>/… stays bound to that process: once it exits,
 * reads fail (ESRCH) even if its pid is reused, which is how a reused pid is told from the
 * process before. Synchronous on purpose, and only for stat, statm and io, which take no lock
 * a stuck process could hold (cmdline does: it goes through readProcOnce, off the main thread).
 *
 * @example
 * const fd = openProcFdSync('/proc/42/stat'); // number, 'denied' or undefined
 * const bytes = typeof fd === 'number' ? readProcFdSync(fd, buffer) : undefined;
 * closeProcFd(fd);
 */
export function openProcFdSync(path: string): number | 'denied' | undefined {
  try {
    return openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : undefined;
  }
}

/** Reads from offset 0 into `buffer`; the byte count, or undefined when the process is gone. */
export function readProcFdSync(fd: number, buffer: Buffer): number | undefined {
  try {
    return readSync(fd, buffer, 0, buffer.length, 0);
  } catch {
    return undefined;
  }
}

export function closeProcFd(fd: number | 'denied' | undefined): void {
  if (typeof fd === 'number') close(fd, () => {});
}
