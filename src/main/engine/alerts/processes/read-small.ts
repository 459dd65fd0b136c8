import { open } from 'node:fs/promises';

/**
 * Reads a small procfs file in one read into a caller-owned buffer. procfs reports size 0, so
 * readFile would stat, then allocate a 64 KB chunk per file; a pass over /proc reads hundreds.
 * Undefined when the file is gone; a longer file comes back cut at the buffer's size.
 *
 * @example
 * const stat = await readSmall('/proc/1/stat', Buffer.allocUnsafe(8192));
 */
export async function readSmall(path: string, buffer: Buffer): Promise<string | undefined> {
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
