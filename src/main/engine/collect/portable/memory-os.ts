/**
 * Memory and swap off Linux, in bytes, without spawning every tick.
 * - Windows: os.freemem() is the OS's available physical memory, read every tick. Swap needs
 *   si.mem() (a PowerShell query), refreshed at most every `swapRefreshMs` (60 s).
 * - macOS: os.freemem() counts only free pages (not inactive/purgeable cache), which would read
 *   as ~95 % used on an idle Mac, so `available` comes from si.mem() (vm_stat + sysctl spawns),
 *   refreshed at most every `availableRefreshMs` (10 s); swap comes from the same reading.
 * mem.total is always os.totalmem().
 *
 * @example
 * await new OsMemoryCollector({ platform: 'win32' }).collect(performance.now())
 * // { 'mem.total': ..., 'mem.available': ..., 'mem.used': ..., 'mem.percent': 41.2, 'swap.total': ..., ... }
 */
import { freemem as nodeFreemem, totalmem as nodeTotalmem } from 'node:os';
import { loadSi, type Systeminformation } from '../si.js';
import type { Collector, Values } from '../types.js';
import { RefreshCache } from './refresh-cache.js';

type MemReading = Pick<Systeminformation.MemData, 'available' | 'swaptotal' | 'swapused'>;

export interface OsMemoryOptions {
  readonly platform?: NodeJS.Platform;
  /** Injected in tests; default to os.totalmem / os.freemem / si.mem. */
  readonly totalmem?: () => number;
  readonly freemem?: () => number;
  readonly mem?: () => Promise<MemReading>;
  readonly availableRefreshMs?: number;
  readonly swapRefreshMs?: number;
}

export class OsMemoryCollector implements Collector {
  readonly name = 'memory';
  readonly cadence = 'hot';
  private readonly availableFromSi: boolean;
  private readonly totalmem: () => number;
  private readonly freemem: () => number;
  private readonly cache: RefreshCache<MemReading>;

  constructor(options: OsMemoryOptions = {}) {
    this.availableFromSi = (options.platform ?? process.platform) === 'darwin';
    this.totalmem = options.totalmem ?? nodeTotalmem;
    this.freemem = options.freemem ?? nodeFreemem;
    const mem = options.mem ?? (async () => (await loadSi()).mem());
    const refreshMs = this.availableFromSi ? (options.availableRefreshMs ?? 10_000) : (options.swapRefreshMs ?? 60_000);
    this.cache = new RefreshCache(mem, refreshMs);
  }

  async collect(monoMs: number): Promise<Values> {
    const values: Values = {};
    const total = this.totalmem();
    const reading = await this.cache.get(monoMs);
    const available = this.availableFromSi ? reading?.available : this.freemem();
    if (total > 0 && available !== undefined && Number.isFinite(available)) {
      const clamped = Math.min(Math.max(0, available), total);
      values['mem.total'] = total;
      values['mem.available'] = clamped;
      values['mem.used'] = total - clamped;
      values['mem.percent'] = ((total - clamped) * 100) / total;
    }
    if (reading && Number.isFinite(reading.swaptotal) && Number.isFinite(reading.swapused)) {
      values['swap.total'] = reading.swaptotal;
      values['swap.used'] = Math.max(0, reading.swapused);
      if (reading.swaptotal > 0) values['swap.percent'] = (Math.max(0, reading.swapused) * 100) / reading.swaptotal;
    }
    return values;
  }

  reset(): void {
    // The monotonic clock stops during sleep, so a cached reading could look fresh after a gap.
    this.cache.clear();
  }
}
