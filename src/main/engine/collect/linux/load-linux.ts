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
import { readProcText } from './read-proc.js';

export class LinuxLoadCollector implements Collector {
  readonly name = 'load';
  readonly cadence = 'hot';
  private readonly procRoot: string;

  constructor(options: LinuxCollectorOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
  }

  async collect(): Promise<Values> {
    const text = await readProcText(this.procRoot, 'loadavg');
    const load = text === undefined ? undefined : parseLoadavg(text);
    if (!load) return {};
    return { 'load.1': load[0], 'load.5': load[1], 'load.15': load[2] };
  }

  reset(): void {
    // Nothing remembered between readings.
  }
}
