/**
 * Load averages on Linux from /proc/loadavg (the same numbers os.loadavg() returns, but readable
 * from a fixture root in tests). Available from the first tick.
 *
 * @example
 * await new LinuxLoadCollector().collect(0) // { 'load.1': 0.44, 'load.5': 0.34, 'load.15': 0.18 }
 */
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { parseLoadavg } from './parse-loadavg.js';
import { ProcFile } from './read-proc.js';
import { join } from 'node:path';

export class LinuxLoadCollector implements Collector {
  readonly name = 'load';
  readonly cadence = 'hot';
  private readonly file: ProcFile;

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'loadavg'));
  }

  async collect(): Promise<Values> {
    const text = await this.file.readText();
    const load = text === undefined ? undefined : parseLoadavg(text);
    if (!load) return {};
    return { 'load.1': load[0], 'load.5': load[1], 'load.15': load[2] };
  }

  reset(): void {
    // Nothing remembered between readings.
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
