/**
 * Disk usage per mount on Linux: /proc/self/mounts plus fs.promises.statfs (no `df` spawn).
 * Emits fs.used/fs.size/fs.used_pct[mount] and disk.used_pct (rules in mount-filter.ts and
 * mount-usage.ts). Slow cadence.
 *
 * @example
 * await new LinuxMountsCollector().collect(0) // { 'fs.used[/]': 1.2e10, 'fs.size[/]': 5e10, 'fs.used_pct[/]': 24.9, 'disk.used_pct': 24.9 }
 */
import { statfs as nodeStatfs } from 'node:fs/promises';
import { mountValues, type MountUsage } from '../mount-usage.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { isStorageMount } from './mount-filter.js';
import { parseMounts } from './parse-mounts.js';
import { isAbsentError, readProcText } from './read-proc.js';

/** The statfs fields used here (Node's StatFs has them all). */
export interface StatfsLike {
  readonly bsize: number;
  readonly blocks: number;
  readonly bfree: number;
  readonly bavail: number;
}

export interface LinuxMountsOptions extends LinuxCollectorOptions {
  /** Injected in tests; defaults to fs.promises.statfs. */
  readonly statfs?: (path: string) => Promise<StatfsLike>;
}

export class LinuxMountsCollector implements Collector {
  readonly name = 'mounts';
  readonly cadence = 'slow';
  private readonly procRoot: string;
  private readonly statfs: (path: string) => Promise<StatfsLike>;

  constructor(options: LinuxMountsOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.statfs = options.statfs ?? ((path) => nodeStatfs(path));
  }

  async collect(): Promise<Values> {
    const text = await readProcText(this.procRoot, 'self/mounts');
    if (text === undefined) return {};
    const candidates = parseMounts(text).filter(isStorageMount);
    const usages = await Promise.all(candidates.map((entry) => this.usage(entry.mountpoint, entry.source)));
    return mountValues(usages.filter((u): u is MountUsage => u !== undefined));
  }

  reset(): void {
    // Nothing remembered between readings.
  }

  private async usage(mount: string, source: string): Promise<MountUsage | undefined> {
    try {
      const s = await this.statfs(mount);
      const size = s.blocks * s.bsize;
      return { mount, source, size, used: (s.blocks - s.bfree) * s.bsize, available: s.bavail * s.bsize };
    } catch (error) {
      // A mount that vanished or is not ours to read is skipped; the rest still report.
      if (isAbsentError(error)) return undefined;
      throw error;
    }
  }
}
