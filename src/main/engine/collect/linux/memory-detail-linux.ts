/**
 * Where the memory not in use by programs sits, from /proc/meminfo, on the slow cadence: page
 * cache (`Cached`), block buffers, shared memory (`Shmem`, tmpfs included) and dirty pages
 * waiting to be written. The hot memory collector keeps used/available every tick.
 *
 * @example
 * await new LinuxMemoryDetailCollector().collect() // { 'mem.cached_bytes': 4.1e9, 'mem.buffers_bytes': 2.3e8, … }
 */
import { join } from 'node:path';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { parseMeminfo } from './parse-meminfo.js';
import { ProcFile } from './read-proc.js';

const FIELDS = [
  ['Cached', 'mem.cached_bytes'],
  ['Buffers', 'mem.buffers_bytes'],
  ['Shmem', 'mem.shared_bytes'],
  ['Dirty', 'mem.dirty_bytes'],
] as const;

export class LinuxMemoryDetailCollector implements Collector {
  readonly name = 'memory-detail';
  readonly cadence = 'slow';
  private readonly file: ProcFile;

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'meminfo'));
  }

  async collect(): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const fields = parseMeminfo(text);
    const values: Values = {};
    for (const [field, key] of FIELDS) {
      const value = fields.get(field);
      if (value !== undefined) values[key] = value;
    }
    return values;
  }

  reset(): void {
    // Readings, not rates.
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
