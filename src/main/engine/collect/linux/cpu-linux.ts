/**
 * CPU busy percentages on Linux from /proc/stat jiffy deltas: cpu.total/user/system/iowait and
 * cpu.core[N] (N is the kernel's CPU number). No child process, one file read per tick.
 * The first collect (and the first after reset) only primes and emits nothing.
 *
 * @example
 * const cpu = new LinuxCpuCollector({ procRoot: '/proc' });
 * await cpu.collect(performance.now()); // {} (primed)
 * await cpu.collect(performance.now()); // { 'cpu.total': 12.5, 'cpu.core[0]': 20, ... }
 */
import { seriesKey } from '../../../../shared/metrics.js';
import { cpuPercents, type CpuTimes } from '../cpu-percent.js';
import type { Collector, Values } from '../types.js';
import { parseProcStat } from './parse-proc-stat.js';
import { ProcFile } from './read-proc.js';
import { join } from 'node:path';

export interface LinuxCollectorOptions {
  /** Where procfs is mounted; tests point this at a fixture folder. */
  readonly procRoot?: string;
}

export class LinuxCpuCollector implements Collector {
  readonly name = 'cpu';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private previous = new Map<string, CpuTimes>();

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'stat'));
  }

  async collect(): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const stat = parseProcStat(text);
    const current = new Map<string, CpuTimes>();
    const values: Values = {};
    if (stat.total) {
      current.set('total', stat.total);
      const before = this.previous.get('total');
      const pct = before && cpuPercents(before, stat.total);
      if (pct) {
        values['cpu.total'] = pct.total;
        values['cpu.user'] = pct.user;
        values['cpu.system'] = pct.system;
        values['cpu.iowait'] = pct.iowait;
      }
    }
    for (const { index, times } of stat.cores) {
      const key = seriesKey('cpu.core', String(index));
      current.set(key, times);
      const before = this.previous.get(key);
      const pct = before && cpuPercents(before, times);
      if (pct) values[key] = pct.total;
    }
    // Replacing the whole map also forgets CPUs that went offline.
    this.previous = current;
    return values;
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.previous = new Map();
  }
}
