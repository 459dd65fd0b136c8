/**
 * Two facts about the machine the process table needs and Node does not give: its page size
 * (statm counts pages) and how many logical CPUs the watched procfs has (which, behind
 * DASHLIGHT_PROCFS, may not be this process's machine).
 *
 * @example
 * systemPageSize() // 4096
 * await countCores('/proc') // 8
 */
import { readFileSync } from 'node:fs';
import { readProcText } from './read-proc.js';

/** Logical CPUs from the `cpuN` lines of <procRoot>/stat (the watched machine's, not necessarily ours). */
export async function countCores(root: string): Promise<number> {
  const text = await readProcText(root, 'stat').catch(() => undefined);
  const count = text?.match(/^cpu\d+ /gm)?.length ?? 0;
  return Math.max(1, count);
}

let pageSize: number | undefined;

/**
 * This kernel's page size, without sysconf (Node has none) or a child process: VmRSS in kB over
 * resident pages, both of this process, rounded to a power of two. 4 KiB when unreadable.
 */
export function systemPageSize(): number {
  if (pageSize !== undefined) return pageSize;
  pageSize = 4096;
  try {
    const pages = Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[1]);
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
    if (pages > 0 && kb > 0) pageSize = 2 ** Math.round(Math.log2((kb * 1024) / pages));
  } catch {
    // Keep 4 KiB, the page size of every x86 and most arm64 kernels.
  }
  return pageSize;
}
