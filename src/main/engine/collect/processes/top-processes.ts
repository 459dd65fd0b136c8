/**
 * The processes to blame when an alert fires: the top few by current CPU and by resident memory.
 * Read once per firing (not per tick), so a half-second sampling window is affordable. Linux reads
 * /proc directly (no child process, systeminformation never loaded); macOS and Windows go through
 * systeminformation's processes().
 *
 * @example
 * const reader = createProcessReader();
 * const top = await reader.read(); // { at, byCpu: [{ pid: 4242, name: 'node', cpuPercent: 99.8, rssBytes: 61_000_000 }, ...], byMemory: [...] }
 */
import type { ProcessInfo, TopProcesses } from '../../../../shared/alerts.js';
import { systemClock, type Clock } from '../../schedule/clock.js';
import { withCommandNames } from './process-names-linux.js';
import { readLinuxProcesses } from './top-processes-linux.js';
import { readSiProcesses } from './top-processes-si.js';

export interface ProcessReader {
  /** Takes `sampleMs` to resolve. Never rejects because a process exited while it was being read. */
  read(): Promise<TopProcesses>;
}

export interface ProcessReaderOptions {
  /** Defaults to process.platform; anything but 'linux' uses systeminformation. */
  readonly platform?: NodeJS.Platform;
  /** Length of the CPU sampling window; default 500 ms. */
  readonly sampleMs?: number;
  /** How many processes each list keeps; default 5. */
  readonly limit?: number;
  /** Stamps each reading (`at`); the engine passes its own. */
  readonly clock?: Clock;
}

export const DEFAULT_SAMPLE_MS = 500;
export const DEFAULT_LIMIT = 5;

/**
 * Creates a reader for this OS. Each `read()` samples CPU over `sampleMs` and returns the top
 * `limit` processes by CPU (percent of one core, so 200 = two busy cores) and by RSS.
 *
 * @example
 * const top = await createProcessReader({ limit: 3 }).read();
 * console.log(top.byCpu[0]?.name, top.byMemory[0]?.rssBytes);
 */
export function createProcessReader(options: ProcessReaderOptions = {}): ProcessReader {
  const platform = options.platform ?? process.platform;
  const sampleMs = options.sampleMs ?? DEFAULT_SAMPLE_MS;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const clock = options.clock ?? systemClock;
  return {
    read: async () => {
      if (platform !== 'linux') return rankTop(await readSiProcesses({ platform, sampleMs }), limit, clock.wall());
      // Names come after ranking: cmdline is worth reading for the winners only.
      return withCommandNames(rankTop(await readLinuxProcesses({ sampleMs }), limit, clock.wall()));
    },
  };
}

/**
 * The `limit` largest by CPU and, separately, by RSS; descending, ties by ascending pid so the
 * order is stable between runs and easy to assert.
 *
 * @example
 * rankTop([{ pid: 2, name: 'a', cpuPercent: 5, rssBytes: 9 }], 5, clock.wall()).byCpu[0]?.pid // 2
 */
export function rankTop(list: readonly ProcessInfo[], limit: number, at: number): TopProcesses {
  const top = (key: 'cpuPercent' | 'rssBytes'): ProcessInfo[] =>
    [...list].sort((a, b) => b[key] - a[key] || a.pid - b.pid).slice(0, Math.max(0, limit));
  return { at, byCpu: top('cpuPercent'), byMemory: top('rssBytes') };
}
