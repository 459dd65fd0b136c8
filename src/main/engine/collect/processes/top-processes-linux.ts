/**
 * Per-process CPU and RSS on Linux straight from procfs: two passes over /proc/<pid>/stat
 * `sampleMs` apart (CPU is the tick delta, so it is current usage, not a lifetime average), and
 * VmRSS from /proc/<pid>/status in the second pass. No child process, no systeminformation.
 *
 * @example
 * const list = await readLinuxProcesses({ sampleMs: 500 }); // [{ pid: 1, name: 'systemd', cpuPercent: 0, rssBytes: 12_800_000 }, ...]
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ProcessInfo } from '../../../../shared/alerts.js';
import { readProcOnce } from '../linux/read-proc.js';

/**
 * USER_HZ, the unit of the times in /proc/<pid>/stat: sysconf(_SC_CLK_TCK), `getconf CLK_TCK`.
 * It is 100 on every architecture Node runs on; Node has no sysconf binding and spawning getconf
 * is exactly what this module avoids.
 */
export const LINUX_CLK_TCK = 100;
/** libuv has 4 pool threads; a few more reads in flight keep them busy without queueing hundreds. */
const CONCURRENCY = 16;
/** stat is ~350 bytes and status ~1.5 KB: one reused buffer per worker holds either. */
const BUFFER_BYTES = 8192;

export interface PidStat {
  readonly pid: number;
  readonly comm: string;
  /** utime + stime (fields 14 and 15), in clock ticks. */
  readonly ticks: number;
  /** Field 22, ticks after boot: tells a reused pid from the process seen before. */
  readonly startTicks: number;
}

/**
 * Parses one /proc/<pid>/stat line; undefined when it is not one.
 *
 * @example
 * parsePidStat('7 (my (weird) proc) S 1 7 7 0 -1 0 0 0 0 0 12 3 0 0 20 0 1 0 500 0 0')
 * // { pid: 7, comm: 'my (weird) proc', ticks: 15, startTicks: 500 }
 */
export function parsePidStat(text: string): PidStat | undefined {
  const open = text.indexOf('(');
  // comm is whatever the process called itself (spaces, parentheses, newlines), so the numeric
  // fields are found after the LAST ')', never by splitting the whole line.
  const close = text.lastIndexOf(')');
  if (open < 1 || close < open) return undefined;
  const fields = text
    .slice(close + 2)
    .trimEnd()
    .split(' ');
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const [pid, utime, stime, startTicks] = [text.slice(0, open), fields[11], fields[12], fields[19]].map(Number);
  if (![pid, utime, stime, startTicks].every(Number.isSafeInteger)) return undefined;
  return { pid: pid!, comm: text.slice(open + 1, close), ticks: utime! + stime!, startTicks: startTicks! };
}

/** Resident bytes from /proc/<pid>/status; kernel threads have no VmRSS line and hold none. */
export function parseVmRssBytes(status: string): number {
  // status is in kB whatever the page size (4 KB on x86, 16 or 64 KB on some arm64), unlike statm's pages.
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

interface Sample extends PidStat {
  readonly rssBytes: number;
}

export interface ProcSnapshot {
  /** Monotonic ms at the middle of the pass, which is on average when each pid was read. */
  readonly atMs: number;
  readonly pids: ReadonlyMap<number, Sample>;
}

export interface SnapshotOptions {
  /** Where procfs is mounted; tests point this at a fixture folder. */
  readonly procRoot?: string;
  /** Also read status for RSS (only the second pass needs it). */
  readonly withRss?: boolean;
  /** Monotonic clock in ms; default performance.now. */
  readonly now?: () => number;
}

/**
 * One pass over every pid. A pid that disappears part-way (the normal race) is just left out.
 *
 * @example
 * const before = await readProcSnapshot(); // { atMs: 1234.5, pids: Map { 1 => { comm: 'systemd', ticks: 812, ... } } }
 */
export async function readProcSnapshot(options: SnapshotOptions = {}): Promise<ProcSnapshot> {
  const root = options.procRoot ?? '/proc';
  const now = options.now ?? (() => performance.now());
  const pids = (await readdir(root)).filter((name) => /^\d+$/.test(name)).map(Number);
  const samples = new Map<number, Sample>();
  let next = 0;
  const worker = async (): Promise<void> => {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    while (next < pids.length) {
      const pid = pids[next++]!;
      const stat = parsePidStat((await readProcOnce(join(root, String(pid), 'stat'), buffer)) ?? '');
      const status = options.withRss ? await readProcOnce(join(root, String(pid), 'status'), buffer) : '';
      if (stat && status !== undefined) samples.set(pid, { ...stat, rssBytes: parseVmRssBytes(status) });
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pids.length) }, worker));
  return { atMs: (start + now()) / 2, pids: samples };
}

/**
 * CPU (percent of one core) between two passes, for every pid in `after`; pids gone by then are
 * dropped. A pid new in `after`, or reused (other start time), started inside the window, so all
 * of its ticks count; one that is older than that but was missed by the first pass (its read
 * failed, e.g. EMFILE) has no baseline and shows 0 rather than its lifetime squeezed into the window.
 *
 * @example
 * processesBetween(before, after) // [{ pid: 42, name: 'node', cpuPercent: 99.5, rssBytes: 157_286_400 }, ...]
 */
export function processesBetween(before: ProcSnapshot, after: ProcSnapshot, clkTck = LINUX_CLK_TCK): ProcessInfo[] {
  const elapsedMs = after.atMs - before.atMs;
  // Start times only grow, so anything started after the first pass is at least this new.
  const newest = Math.max(-Infinity, ...[...before.pids.values()].map((p) => p.startTicks));
  const list: ProcessInfo[] = [];
  for (const [pid, sample] of after.pids) {
    const then = before.pids.get(pid);
    const sameProcess = then !== undefined && then.startTicks === sample.startTicks;
    const baseline = sameProcess ? then.ticks : sample.startTicks >= newest ? 0 : sample.ticks;
    // ticks / clkTck / (ms / 1000) * 100 as one division, so exact figures stay exact.
    const cpuPercent = elapsedMs > 0 ? (Math.max(0, sample.ticks - baseline) * 100_000) / (clkTck * elapsedMs) : 0;
    list.push({ pid, name: sample.comm, cpuPercent, rssBytes: sample.rssBytes });
  }
  return list;
}

export interface LinuxProcessOptions extends Pick<SnapshotOptions, 'procRoot' | 'now'> {
  readonly sampleMs?: number;
  /** Waits between the passes; tests inject one that rewrites the fixture instead. */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Every process with its current CPU and RSS, sampled over `sampleMs` (default 500).
 *
 * @example
 * const list = await readLinuxProcesses({ procRoot: '/proc', sampleMs: 250 });
 */
export async function readLinuxProcesses(options: LinuxProcessOptions = {}): Promise<ProcessInfo[]> {
  const { procRoot, now, sleep = delay } = options;
  const before = await readProcSnapshot({ procRoot, now });
  await sleep(options.sampleMs ?? 500);
  const after = await readProcSnapshot({ procRoot, now, withRss: true });
  return processesBetween(before, after);
}
