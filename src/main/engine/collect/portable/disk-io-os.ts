/**
 * Disk I/O rates on macOS from systeminformation's fsStats(): machine-wide disk.read/disk.write
 * only (it sums all IOBlockStorageDriver statistics; there is no per-device split). It spawns an
 * `ioreg | sed | grep | tr` pipeline per call. Windows has no source here (si returns null), so
 * create-collectors.ts does not schedule this collector there.
 *
 * @example
 * await new OsDiskIoCollector().collect(performance.now()) // { 'disk.read': 4096, 'disk.write': 81920 } after priming
 */
import { CounterRates } from '../counter-rates.js';
import { loadSi, type Systeminformation } from '../si.js';
import type { Collector, Values } from '../types.js';

type FsStatsReading = Pick<Systeminformation.FsStatsData, 'rx' | 'wx'> | null;

export interface OsDiskIoOptions {
  /** Injected in tests; defaults to si.fsStats. */
  readonly fsStats?: () => Promise<FsStatsReading>;
}

export class OsDiskIoCollector implements Collector {
  readonly name = 'disk-io';
  readonly cadence = 'hot';
  private readonly rates = new CounterRates();
  private readonly fsStats: () => Promise<FsStatsReading>;

  constructor(options: OsDiskIoOptions = {}) {
    this.fsStats = options.fsStats ?? (async () => (await loadSi()).fsStats());
  }

  async collect(monoMs: number): Promise<Values> {
    const stats = await this.fsStats();
    if (!stats) return {};
    const read = this.rates.update('disk.read', stats.rx, monoMs);
    const write = this.rates.update('disk.write', stats.wx, monoMs);
    return read === undefined || write === undefined ? {} : { 'disk.read': read, 'disk.write': write };
  }

  reset(): void {
    this.rates.reset();
  }
}
