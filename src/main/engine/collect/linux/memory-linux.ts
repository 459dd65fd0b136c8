/**
 * Memory and swap on Linux from /proc/meminfo, in bytes. used = total - available, where
 * available is the kernel's MemAvailable estimate (what can be handed out without swapping),
 * so page cache does not count as used. swap.percent is left out when there is no swap at all.
 *
 * @example
 * await new LinuxMemoryCollector().collect(0) // { 'mem.total': ..., 'mem.used': ..., 'mem.percent': 23.1, ... }
 */
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { parseMeminfo } from './parse-meminfo.js';
import { ProcFile } from './read-proc.js';
import { join } from 'node:path';

/** Memory values from parsed meminfo fields (bytes). Pure, so the fallbacks are testable. */
export function memoryValues(fields: ReadonlyMap<string, number>): Values {
  const values: Values = {};
  const total = fields.get('MemTotal');
  // Kernels before 3.14 lack MemAvailable; free + buffers + cache is the classic approximation.
  const available =
    fields.get('MemAvailable') ??
    (fields.has('MemFree')
      ? (fields.get('MemFree') ?? 0) + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0)
      : undefined);
  if (total !== undefined && total > 0 && available !== undefined) {
    const used = Math.max(0, total - available);
    values['mem.total'] = total;
    values['mem.available'] = Math.min(available, total);
    values['mem.used'] = used;
    values['mem.percent'] = (used * 100) / total;
  }
  const swapTotal = fields.get('SwapTotal');
  const swapFree = fields.get('SwapFree');
  if (swapTotal !== undefined && swapFree !== undefined) {
    const swapUsed = Math.max(0, swapTotal - swapFree);
    values['swap.total'] = swapTotal;
    values['swap.used'] = swapUsed;
    if (swapTotal > 0) values['swap.percent'] = (swapUsed * 100) / swapTotal;
  }
  return values;
}

export class LinuxMemoryCollector implements Collector {
  readonly name = 'memory';
  readonly cadence = 'hot';
  private readonly file: ProcFile;

  constructor(options: LinuxCollectorOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'meminfo'));
  }

  async collect(): Promise<Values> {
    const text = await this.file.readText();
    return text === undefined ? {} : memoryValues(parseMeminfo(text));
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    // Nothing remembered between readings.
  }
}
