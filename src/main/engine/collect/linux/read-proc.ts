/**
 * Reads one small text file from procfs/sysfs. A missing or unreadable file is a normal answer on
 * this machine (no swap, no battery, hardened /proc), not an error, so it reads as undefined.
 *
 * @example
 * const text = await readProcText('/proc', 'net/dev'); // string | undefined
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ENODEV', 'ENXIO', 'EINVAL', 'EIO']);

export function isAbsentError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && ABSENT.has(error.code);
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
