/**
 * Memory held as cache on macOS, from si.mem()'s `buffcache` (file-backed and purgeable pages,
 * from `vm_stat`, which it spawns), as `mem.cached_bytes` on the slow cadence. Windows reports no
 * such figure through si; buffers, shared and dirty memory are Linux's words and not available.
 *
 * @example
 * await new OsMemoryDetailCollector({ platform: 'darwin' }).collect() // { 'mem.cached_bytes': 3.2e9 }
 */
import { loadSi, type Systeminformation } from '../si.js';
import type { Collector, Values } from '../types.js';

type CacheReading = Pick<Systeminformation.MemData, 'buffcache'>;

export interface OsMemoryDetailOptions {
  readonly platform?: NodeJS.Platform;
  /** Injected in tests; defaults to si.mem. */
  readonly mem?: () => Promise<CacheReading>;
}

export class OsMemoryDetailCollector implements Collector {
  readonly name = 'memory-detail';
  readonly cadence = 'slow';
  private readonly enabled: boolean;
  private readonly mem: () => Promise<CacheReading>;

  constructor(options: OsMemoryDetailOptions = {}) {
    this.enabled = (options.platform ?? process.platform) === 'darwin';
    this.mem = options.mem ?? (async () => (await loadSi()).mem());
  }

  async collect(): Promise<Values> {
    if (!this.enabled) return {};
    const { buffcache } = await this.mem();
    return Number.isFinite(buffcache) && buffcache >= 0 ? { 'mem.cached_bytes': buffcache } : {};
  }

  reset(): void {
    // A reading, not a rate.
  }
}
