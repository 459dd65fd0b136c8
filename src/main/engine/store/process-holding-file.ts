/**
 * Which process has a file open, found without reading the file: the links in `/proc/<pid>/fd`.
 * The writer lock's own record of its holder is in the lock file, on the same disk as the
 * database; when that disk fails reads (a dead device whose pages the kernel no longer caches),
 * the open file descriptors still say who holds it. Linux only: elsewhere it cannot tell.
 *
 * @example
 * processHoldingFile('/data/dashlight.db.lock')
 * // { pid: 4242, since: '2026-12-04T09:12:00.000Z', command: 'dashlight run --serve' }
 * // null: no process has it open; undefined: this system cannot tell
 */
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { LockHolder } from './writer-lock.js';

/** USER_HZ, the unit of `starttime` in /proc/<pid>/stat: 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** The scripts a `dashlight` command runs as (bin/dashlight.js, or out/main/cli.js directly). */
const CLI_SCRIPT = /^(dashlight(\.js)?|cli\.js)$/;

/**
 * The first other process (lowest pid) that has `file` open, as a lock holder: its command line
 * and, for `since`, when it started (the lock itself may have been taken a moment later).
 */
export function processHoldingFile(file: string, proc = '/proc'): LockHolder | null | undefined {
  if (process.platform !== 'linux') return undefined;
  let pids: number[];
  try {
    pids = readdirSync(proc)
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return undefined;
  }
  const targets = new Set([resolve(file)]);
  try {
    targets.add(realpathSync(file));
  } catch {
    // The path as given is what the kernel shows when its folders cannot be resolved.
  }
  for (const pid of pids) {
    if (pid === process.pid || !holdsOpen(`${proc}/${pid}/fd`, targets)) continue;
    return { pid, since: startedAt(proc, pid), command: commandOf(proc, pid) };
  }
  return null;
}

function holdsOpen(fdDir: string, targets: ReadonlySet<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(fdDir);
  } catch {
    // Gone, or another user's process this one may not look into.
    return false;
  }
  return fds.some((fd) => {
    try {
      return targets.has(readlinkSync(`${fdDir}/${fd}`));
    } catch {
      return false;
    }
  });
}

/** `dashlight run --db …` for the CLI, as the lock names it; any other program's whole command line. */
export function commandOf(proc: string, pid: number): string {
  let argv: string[];
  try {
    argv = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return `process ${pid}`;
  }
  const script = argv.findIndex((arg, index) => index > 0 && CLI_SCRIPT.test(basename(arg)));
  if (script >= 0) return ['dashlight', ...argv.slice(script + 1)].join(' ');
  return argv.join(' ') || `process ${pid}`;
}

/** When the process started, ISO 8601 UTC: boot time plus its start in clock ticks (proc(5)). */
export function startedAt(proc: string, pid: number): string {
  try {
    const stat = readFileSync(`${proc}/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync(`${proc}/stat`, 'utf8'))?.[1]);
    if (Number.isFinite(startTicks) && Number.isFinite(bootSeconds))
      return new Date(bootSeconds * 1000 + (startTicks / TICKS_PER_SECOND) * 1000).toISOString();
  } catch {
    // Gone meanwhile: when it started is unknown.
  }
  return 'an unknown time';
}
