/**
 * Per-process CPU and RSS off Linux from systeminformation's processes(), loaded on first use so
 * Linux never loads it. Its units (lib/processes.js, 5.33) are not what ProcessInfo wants:
 * - memRss is KiB on every OS (`ps -o rss` on macOS, WorkingSetSize / 1024 on Windows).
 * - On Windows (and Linux) cpu is a share of the WHOLE machine (all cores = 100), from the tick
 *   delta since the previous processes() call; the very first call is a lifetime share.
 * - On macOS cpu is ps's %cpu: already percent of one core, but the kernel's decaying average over
 *   roughly the last minute; ps offers nothing shorter, so there the window is not `sampleMs`.
 * - A call within 500 ms of the previous one returns the cached previous result.
 *
 * @example
 * const list = await readSiProcesses({ platform: 'win32' }); // [{ pid: 4, name: 'System', cpuPercent: 0.4, rssBytes: 1_245_184 }, ...]
 */
import { availableParallelism } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { ProcessInfo } from '../../../../shared/alerts.js';
import { loadSi, type Systeminformation } from '../si.js';

export type SiProcess = Pick<Systeminformation.ProcessesProcessData, 'pid' | 'name' | 'cpu' | 'memRss'>;

/** processes() serves its cached result inside this window, measured from when the last call ended. */
const SI_CACHE_MS = 500;
/** Timers may fire a millisecond early against Date.now(), which si's cache check uses. */
const CACHE_MARGIN_MS = 25;

/** True where si's cpu is a delta since its previous call (a first call must prime it). */
function isDeltaCpu(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'linux';
}

export interface SiMappingOptions {
  readonly platform: NodeJS.Platform;
  /** Logical CPUs, to turn a whole-machine share into percent of one core. */
  readonly cpuCount: number;
}

/**
 * Maps si's list to ProcessInfo: cpu to percent of one core, memRss KiB to bytes. Drops only
 * Windows' pid 0, "System Idle Process", whose "CPU" is idle time and would top every list.
 *
 * @example
 * fromSiProcesses([{ pid: 9, name: 'node', cpu: 25, memRss: 2048 }], { platform: 'win32', cpuCount: 4 })
 * // [{ pid: 9, name: 'node', cpuPercent: 100, rssBytes: 2_097_152 }]
 */
export function fromSiProcesses(list: readonly SiProcess[], options: SiMappingOptions): ProcessInfo[] {
  const scale = isDeltaCpu(options.platform) ? options.cpuCount : 1;
  // si parses ps/PowerShell text; a garbled column becomes NaN, which must not poison the sort.
  const clean = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);
  return list
    .filter((p) => !(options.platform === 'win32' && p.pid === 0))
    .map((p) => ({ pid: p.pid, name: p.name, cpuPercent: clean(p.cpu) * scale, rssBytes: clean(p.memRss) * 1024 }));
}

export interface SiProcessOptions {
  readonly platform?: NodeJS.Platform;
  readonly sampleMs?: number;
  /** Injected in tests; default si.processes(). */
  readonly processes?: () => Promise<{ readonly list: readonly SiProcess[] }>;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly cpuCount?: number;
}

/**
 * Every process with its recent CPU and RSS. Where si's cpu is a delta (Windows) this calls
 * processes() twice, at least `sampleMs` and more than si's 500 ms cache apart; on macOS once.
 * Other code calling processes() in between shortens the window but never breaks it.
 *
 * @example
 * const list = await readSiProcesses({ platform: 'darwin' });
 */
export async function readSiProcesses(options: SiProcessOptions = {}): Promise<ProcessInfo[]> {
  const platform = options.platform ?? process.platform;
  const processes = options.processes ?? (async () => (await loadSi()).processes());
  const sleep = options.sleep ?? delay;
  if (isDeltaCpu(platform)) {
    await processes();
    await sleep(Math.max(options.sampleMs ?? 500, SI_CACHE_MS + CACHE_MARGIN_MS));
  }
  const { list } = await processes();
  return fromSiProcesses(list, { platform, cpuCount: options.cpuCount ?? availableParallelism() });
}
