/**
 * CPU and memory of a process tree on Linux, read from /proc, for comparing monitors fairly.
 *
 * CPU is "child processes included": a process's own utime+stime, plus cutime+cstime (children it
 * has already reaped), plus the same four figures of every descendant still alive. Reading the tree
 * at both ends of a window and subtracting gives the CPU the whole tree used inside the window.
 *
 * @example
 * const window = CpuWindow.start(pid);
 * await sleep(60_000);
 * window.stop(); // { cpuSeconds: 0.18, wallSeconds: 60.0, percentOfCore: 0.3 }
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat that the benchmarks use; times are in clock ticks. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly utime: number;
  readonly stime: number;
  readonly cutime: number;
  readonly cstime: number;
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`, asked once; 100 if getconf is unavailable. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    let value = 100;
    try {
      const parsed = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      if (Number.isInteger(parsed) && parsed > 0) value = parsed;
    } catch {
      // keep the Linux default
    }
    ticksPerSecond = value;
  }
  return ticksPerSecond;
}

/** Parses one /proc/<pid>/stat line. The command name may hold spaces and ')', so split after the last ')'. */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, text.indexOf('(')).trim());
  // After ") " the fields start at field 3 (state); utime is field 14, so index 11 here.
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const num = (i: number) => Number(f[i] ?? NaN);
  return { pid, state: f[0] ?? '?', ppid: num(1), utime: num(11), stime: num(12), cutime: num(13), cstime: num(14) };
}

/** The process's stat, or null if it has gone. */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every live process's stat, for walking the tree by ppid. */
function allProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** Live descendants of `pid` (children, grandchildren, …), not including `pid` itself. */
export function liveDescendants(pid: number, stats: readonly ProcStat[] = allProcStats()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const s of stats) {
    const siblings = byParent.get(s.ppid);
    if (siblings) siblings.push(s);
    else byParent.set(s.ppid, [s]);
  }
  const found: ProcStat[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

const total = (s: ProcStat) => s.utime + s.stime + s.cutime + s.cstime;

/** CPU ticks used so far by the tree rooted at `pid`, reaped and live children included; null if it has gone. */
export function treeCpuTicks(pid: number): number | null {
  const stats = allProcStats();
  const root = stats.find((s) => s.pid === pid);
  if (!root) return null;
  return liveDescendants(pid, stats).reduce((sum, s) => sum + total(s), total(root));
}

/** VmRSS of one process in bytes (kernel threads and zombies have none: null). */
export function rssBytes(pid: number): number | null {
  const bytes = statusBytes(pid, ['VmRSS'])?.[0];
  return bytes !== undefined && Number.isFinite(bytes) ? bytes : null;
}

/**
 * RSS split into the process's own memory (anonymous pages: heaps, caches) and pages of files it
 * maps (the node binary, libraries), or null when the process is gone.
 */
export function rssParts(pid: number): { anonBytes: number; fileBytes: number } | null {
  const bytes = statusBytes(pid, ['RssAnon', 'RssFile']);
  return bytes ? { anonBytes: bytes[0]!, fileBytes: bytes[1]! } : null;
}

/** The `kB` fields of /proc/<pid>/status, in bytes (NaN for a missing one), or null when the process is gone. */
function statusBytes(pid: number, keys: readonly string[]): number[] | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  return keys.map((key) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024);
}

/** What a CPU window measured. */
export interface CpuUsage {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  /** CPU seconds ÷ wall seconds × 100: percent of one core (can exceed 100 on several cores). */
  readonly percentOfCore: number;
  /** The smallest step the figure can move by: one clock tick over the window, in % of a core. */
  readonly resolutionPercent: number;
}

/** A measuring window over one process tree: start it, wait, stop it. */
export class CpuWindow {
  private constructor(
    readonly pid: number,
    private readonly startTicks: number,
    private readonly startWall: number,
  ) {}

  /** Opens the window now; throws if the process is not running. */
  static start(pid: number): CpuWindow {
    const ticks = treeCpuTicks(pid);
    if (ticks === null) throw new Error(`process ${pid} is not running`);
    return new CpuWindow(pid, ticks, performance.now());
  }

  /** Closes the window; throws if the process died inside it (its children's time would be lost). */
  stop(): CpuUsage {
    const ticks = treeCpuTicks(this.pid);
    const wallSeconds = (performance.now() - this.startWall) / 1000;
    if (ticks === null) throw new Error(`process ${this.pid} exited during the measuring window`);
    const hz = clockTicksPerSecond();
    const cpuSeconds = (ticks - this.startTicks) / hz;
    return {
      cpuSeconds,
      wallSeconds,
      percentOfCore: (cpuSeconds / wallSeconds) * 100,
      resolutionPercent: (1 / hz / wallSeconds) * 100,
    };
  }
}

/**
 * CPU time of one process, all its threads, in nanoseconds (the scheduler's own count, from
 * /proc/<pid>/task/<tid>/schedstat), or null when it has gone. Finer than the clock ticks of
 * /proc/<pid>/stat (10 ms each: ±8 % on the 130 ms an engine uses in a minute); children are not
 * included, so only for a process that starts none. A thread that ends inside a window takes its
 * time with it.
 */
export function threadsRuntimeNs(pid: number): number | null {
  try {
    let sum = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between the listing and the read: its time is gone either way
      }
    }
    return sum;
  } catch {
    return null;
  }
}

/** Polled resident memory of one process: the peak seen and the latest reading. */
export class RssTracker {
  peakBytes = 0;
  lastBytes: number | null = null;

  constructor(readonly pid: number) {}

  /** Takes one reading; returns it (null once the process has gone). */
  sample(): number | null {
    const rss = rssBytes(this.pid);
    if (rss !== null) {
      this.lastBytes = rss;
      this.peakBytes = Math.max(this.peakBytes, rss);
    }
    return rss;
  }
}
