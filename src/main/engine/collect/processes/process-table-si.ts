/**
 * The process table off Linux, from systeminformation's processes() (macOS: `ps`; Windows:
 * PowerShell/WMI, both spawned on each call, hence the slower default cadence). CPU comes as
 * si's percentage, mapped to percent of one core (top-processes-si.ts) and turned into time over
 * the window; storage I/O per process is not available from si on either OS.
 *
 * @example
 * const table = new SiProcessTable({ platform: 'darwin' });
 * await table.read(); // primes
 * (await table.read()).processes[0] // { pid, app: { kind: 'bundle', name: 'Safari' }, cpuCs: 312, … }
 */
import { availableParallelism } from 'node:os';
import { systemClock, type Clock } from '../../schedule/clock.js';
import { loadSi, type Systeminformation } from '../si.js';
import { appFromPath } from './app-identity.js';
import type { ProcessReading, ProcessSnapshot, ProcessTable } from './process-snapshot.js';
import { fromSiProcesses } from './top-processes-si.js';

export type SiProcessRow = Pick<
  Systeminformation.ProcessesProcessData,
  'pid' | 'name' | 'cpu' | 'memRss' | 'command' | 'params' | 'path'
>;

export interface SiProcessTableOptions {
  readonly platform?: NodeJS.Platform;
  readonly clock?: Clock;
  readonly cores?: number;
  /** Injected in tests; default si.processes(). */
  readonly processes?: () => Promise<{ readonly list: readonly SiProcessRow[] }>;
}

/** The executable's full path and the command line, from si's fields as each OS fills them. */
export function pathAndCommand(row: SiProcessRow, platform: NodeJS.Platform): { path: string; command: string } {
  if (platform === 'win32') return { path: row.path || row.name, command: row.command || row.name };
  // macOS: `path` is the folder, `command` the executable, `params` the rest.
  const path = row.path ? `${row.path}/${row.command}` : row.command;
  return { path, command: [path, row.params].filter(Boolean).join(' ') };
}

export class SiProcessTable implements ProcessTable {
  private readonly platform: NodeJS.Platform;
  private readonly clock: Clock;
  private readonly cores: number;
  private readonly processes: () => Promise<{ readonly list: readonly SiProcessRow[] }>;
  private lastMono: number | null = null;

  constructor(options: SiProcessTableOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.clock = options.clock ?? systemClock;
    this.cores = options.cores ?? availableParallelism();
    this.processes = options.processes ?? (async () => (await loadSi()).processes());
  }

  async read(): Promise<ProcessSnapshot> {
    const { list } = await this.processes();
    const mono = this.clock.mono();
    // On Windows si's first figures are lifetime shares, on macOS ps's decaying average: prime first.
    const elapsedMs = this.lastMono === null ? null : mono - this.lastMono;
    this.lastMono = mono;
    const mapped = fromSiProcesses(list, { platform: this.platform, cpuCount: this.cores });
    const byPid = new Map(list.map((row) => [row.pid, row]));
    const processes: ProcessReading[] = mapped.map((p) => {
      const row = byPid.get(p.pid)!;
      const { path, command } = pathAndCommand(row, this.platform);
      const app = appFromPath(path, p.name, this.platform);
      return {
        pid: p.pid,
        app,
        exe: app.kind === 'bundle' ? (path.split('/').pop() ?? p.name) : app.name,
        command: command.slice(0, 512),
        // percent of a core × seconds = hundredths of a CPU-second.
        cpuCs: elapsedMs === null ? 0 : Math.round((p.cpuPercent * elapsedMs) / 1000),
        rssBytes: p.rssBytes,
        ioBytes: null,
      };
    });
    return { ts: this.clock.wall(), elapsedMs, cores: this.cores, processes };
  }

  reset(): void {
    this.lastMono = null;
  }

  async close(): Promise<void> {
    // Nothing held between passes.
  }
}
