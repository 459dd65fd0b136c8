/**
 * Load averages from os.loadavg() (macOS, BSD). Not used on Windows, where it always returns zeros.
 *
 * @example
 * await new OsLoadCollector().collect(0) // { 'load.1': 1.2, 'load.5': 0.9, 'load.15': 0.7 }
 */
import { loadavg as nodeLoadavg } from 'node:os';
import type { Collector, Values } from '../types.js';

export interface OsLoadOptions {
  /** Injected in tests; defaults to os.loadavg. */
  readonly loadavg?: () => number[];
}

export class OsLoadCollector implements Collector {
  readonly name = 'load';
  readonly cadence = 'hot';
  private readonly loadavg: () => number[];

  constructor(options: OsLoadOptions = {}) {
    this.loadavg = options.loadavg ?? nodeLoadavg;
  }

  async collect(): Promise<Values> {
    const [one, five, fifteen] = this.loadavg();
    if (one === undefined || five === undefined || fifteen === undefined) return {};
    return { 'load.1': one, 'load.5': five, 'load.15': fifteen };
  }

  reset(): void {
    // Nothing remembered between readings.
  }
}
