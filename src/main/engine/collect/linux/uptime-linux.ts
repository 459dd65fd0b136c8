/**
 * Time since boot from /proc/uptime, as `system.uptime_seconds`.
 *
 * @example
 * await new LinuxUptimeCollector().collect() // { 'system.uptime_seconds': 86_412.5 }
 */
import { join } from 'node:path';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { parseUptimeSeconds } from './parse-pid-files.js';
import { ProcFile } from './read-proc.js';

export class LinuxUptimeCollector implements Collector {
  readonly name = 'uptime';
  readonly cadence = 'slow';
  private readonly file: ProcFile;

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'uptime'));
  }

  async collect(): Promise<Values> {
    const seconds = parseUptimeSeconds(await this.file.readText());
    return Number.isFinite(seconds) ? { 'system.uptime_seconds': seconds } : {};
  }

  reset(): void {
    // A reading, not a rate.
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
