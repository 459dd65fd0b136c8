/**
 * Disk I/O rates on Linux from /proc/diskstats: disk.read/write[dev] in bytes/s for whole
 * physical disks (see disk-kind.ts) and the machine-wide disk.read/disk.write sums. No child process.
 *
 * @example
 * const io = new LinuxDiskIoCollector();
 * await io.collect(0);    // {} (primed)
 * await io.collect(1000); // { 'disk.read[nvme0n1]': 4096, 'disk.write[nvme0n1]': 0, 'disk.read': 4096, 'disk.write': 0 }
 */
import { CounterRates } from '../counter-rates.js';
import { DISK_KEYS, pairRates } from '../pair-rates.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { isWholeDisk } from './disk-kind.js';
import { parseDiskstats } from './parse-diskstats.js';
import { ProcFile } from './read-proc.js';
import { join } from 'node:path';

export class LinuxDiskIoCollector implements Collector {
  readonly name = 'disk-io';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private readonly rates = new CounterRates();

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'diskstats'));
  }

  async collect(monoMs: number): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const entries = parseDiskstats(text)
      .filter(({ name }) => isWholeDisk(name))
      .map(({ name, readBytes, writtenBytes }) => ({ entity: name, a: readBytes, b: writtenBytes, aggregate: true }));
    return pairRates(this.rates, monoMs, entries, DISK_KEYS);
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.rates.reset();
  }
}
