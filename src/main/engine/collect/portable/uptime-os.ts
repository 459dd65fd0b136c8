/**
 * Time since boot off Linux, from os.uptime() (no process), as `system.uptime_seconds`.
 *
 * @example
 * await new OsUptimeCollector().collect() // { 'system.uptime_seconds': 86_412 }
 */
import { uptime as nodeUptime } from 'node:os';
import type { Collector, Values } from '../types.js';

export class OsUptimeCollector implements Collector {
  readonly name = 'uptime';
  readonly cadence = 'slow';

  constructor(private readonly uptime: () => number = nodeUptime) {}

  async collect(): Promise<Values> {
    const seconds = this.uptime();
    return Number.isFinite(seconds) && seconds > 0 ? { 'system.uptime_seconds': seconds } : {};
  }

  reset(): void {
    // A reading, not a rate.
  }
}
