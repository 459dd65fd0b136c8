/**
 * The process table for this OS: procfs on Linux (no child process), systeminformation elsewhere.
 *
 * @example
 * const table = createProcessTable({ clock }); // LinuxProcessTable on Linux
 */
import type { Clock } from '../../schedule/clock.js';
import { LinuxProcessTable } from './process-table-linux.js';
import { SiProcessTable } from './process-table-si.js';
import type { ProcessTable } from './process-snapshot.js';

export interface ProcessTableOptions {
  readonly platform?: NodeJS.Platform;
  readonly clock?: Clock;
  /** procfs root on Linux (default: DASHLIGHT_PROCFS, else /proc). */
  readonly procRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function createProcessTable(options: ProcessTableOptions = {}): ProcessTable {
  const platform = options.platform ?? process.platform;
  if (platform === 'linux' || platform === 'android') {
    const env = options.env ?? process.env;
    return new LinuxProcessTable({
      procRoot: options.procRoot ?? (env.DASHLIGHT_PROCFS || '/proc'),
      clock: options.clock,
    });
  }
  return new SiProcessTable({ platform, clock: options.clock });
}
