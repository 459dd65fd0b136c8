/**
 * The process table on Linux, straight from procfs with no child process: per process
 * /proc/<pid>/stat (CPU ticks), statm (resident pages) and io (storage bytes, where readable),
 * each held open by descriptor between passes and re-read in one system call into a buffer each
 * worker reuses. cgroup and cmdline are read once per process, to find its app and name.
 *
 * CPU of children that started and exited between two passes (a build's compilers) is not lost:
 * it shows up in their parent's cutime/cstime once reaped, and what was not already seen is
 * added to the parent.
 *
 * @example
 * const table = new LinuxProcessTable({ clock });
 * await table.read(); // primes: elapsedMs null
 * const snapshot = await table.read(); // { ts, elapsedMs: 5000, cores: 8, processes: [{ pid, app, cpuCs, … }] }
 */
import { readdir, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { systemClock, type Clock } from '../../schedule/clock.js';
import {
  commandLine,
  emptyPidStat,
  parseIoBytes,
  parsePidStatBytes,
  parseStatmResident,
  parseUptimeSeconds,
} from '../linux/parse-pid-files.js';
import { closeProcFd, openProcFdSync, ProcFile, readProcFdSync, readProcOnce } from '../linux/read-proc.js';
import { countCores, systemPageSize } from '../linux/machine-facts.js';
import { appFromCgroup, isKernelThread, kernelApp, type AppIdentity } from './app-identity.js';
import { nameFromCmdline } from './process-names-linux.js';
import type { ProcessReading, ProcessSnapshot, ProcessTable } from './process-snapshot.js';
import { LINUX_CLK_TCK } from './top-processes-linux.js';

/** libuv runs four file operations at once: names of new processes are read four at a time. */
const WORKERS = 4;
/** stat is about 350 bytes, io about 100, statm 30. */
const BUFFER_BYTES = 1024;
/** Reading cmdline takes the process's mm lock, which a stuck process can hold forever. */
const CMDLINE_TIMEOUT_MS = 1000;
/** Passes that ask a slow cmdline again before the process keeps the name comm gave it. */
const NAME_TRIES = 3;
/** Beyond this many processes, files are opened for each read rather than held (file descriptors are finite). */
const MAX_HELD = 2000;

export interface LinuxProcessTableOptions {
  /** Where procfs is mounted (DASHLIGHT_PROCFS); tests point it at a fixture tree. */
  readonly procRoot?: string;
  readonly clock?: Clock;
  /** Bytes per page for statm; default: this kernel's, worked out from /proc/self. */
  readonly pageSize?: number;
  /** USER_HZ; 100 on every architecture Node runs on. */
  readonly clockTicks?: number;
  /** Processes whose files are held open between passes (default 2,000); beyond, files are opened per read. */
  readonly maxHeld?: number;
}

class Entry implements ProcessReading {
  app: AppIdentity = { kind: 'exe', name: '' };
  exe = '';
  command = '';
  cpuCs = 0;
  rssBytes = 0;
  ioBytes: number | null = null;
  comm = '';
  ppid = 0;
  flags = 0;
  ticks = 0;
  childTicks = 0;
  /** Growth of childTicks in this pass, before what exited children were already seen to use is taken off. */
  childDelta = 0;
  ioTotal = -1;
  seen = 0;
  /** Its cmdline did not answer in time: named from comm for now, asked again on later passes. */
  unnamedTries = 0;
  statmFd: number | 'denied' | undefined;
  ioFd: number | 'denied' | undefined;

  constructor(
    readonly pid: number,
    readonly start: number,
    public statFd: number | 'denied' | undefined,
  ) {}

  close(): void {
    closeProcFd(this.statFd);
    closeProcFd(this.statmFd);
    closeProcFd(this.ioFd);
    this.statFd = this.statmFd = this.ioFd = undefined;
  }
}

/** known: deltas from the previous pass; new: started since, so all of it counts; unprimed: no baseline yet. */
type Since = 'known' | 'new' | 'unprimed';

export class LinuxProcessTable implements ProcessTable {
  private readonly root: string;
  private readonly clock: Clock;
  private readonly pageSize: number;
  private readonly clockTicks: number;
  private readonly maxHeld: number;
  private readonly entries = new Map<number, Entry>();
  private readonly list: Entry[] = [];
  /** Processes met this pass whose app and names are still to be read (new, or exec'd something else). */
  private readonly unnamed: Entry[] = [];
  private readonly uptime: ProcFile;
  private readonly stat = emptyPidStat();
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private cores = 0;
  private pass = 0;
  private primed = false;
  private lastMono = 0;
  private lastUptimeTicks = 0;

  constructor(options: LinuxProcessTableOptions = {}) {
    this.root = options.procRoot ?? '/proc';
    this.clock = options.clock ?? systemClock;
    this.pageSize = options.pageSize ?? systemPageSize();
    this.clockTicks = options.clockTicks ?? LINUX_CLK_TCK;
    this.maxHeld = options.maxHeld ?? MAX_HELD;
    this.uptime = new ProcFile(join(this.root, 'uptime'));
  }

  async read(): Promise<ProcessSnapshot> {
    if (this.cores === 0) this.cores = await countCores(this.root);
    const pass = ++this.pass;
    const priming = !this.primed;
    const sinceTicks = priming ? Number.POSITIVE_INFINITY : this.lastUptimeTicks;
    const names = await readdir(this.root);
    const uptimeTicks = parseUptimeSeconds(await this.uptime.readText()) * this.clockTicks;
    const mono = this.clock.mono();
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const code = name.charCodeAt(0);
      if (code >= 0x30 && code <= 0x39) this.readProcess(Number(name), sinceTicks, pass, priming);
      // A machine with thousands of processes: let other work in between.
      if ((i & 0x1ff) === 0x1ff) await new Promise(setImmediate);
    }
    await this.identifyAll();
    this.sweep(pass);
    const elapsedMs = priming ? null : mono - this.lastMono;
    this.primed = true;
    this.lastMono = mono;
    this.lastUptimeTicks = Number.isFinite(uptimeTicks) ? uptimeTicks : 0;
    return { ts: this.clock.wall(), elapsedMs, cores: this.cores, processes: this.list };
  }

  reset(): void {
    this.primed = false;
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) entry.close();
    this.entries.clear();
    this.list.length = 0;
    this.primed = false;
    await this.uptime.close();
  }

  /** Reads one process; `sinceTicks` is when the previous pass read the uptime (a newer start began since). */
  private readProcess(pid: number, sinceTicks: number, pass: number, priming: boolean): void {
    const { buffer, stat } = this;
    let entry = this.entries.get(pid);
    let since: Since = priming ? 'unprimed' : 'known';
    if (entry) {
      const length = this.readFile(entry, 'stat');
      if (length === undefined || !parsePidStatBytes(buffer, length, stat) || stat.start !== entry.start) {
        // Gone, or gone and its pid reused: the old descriptor no longer reads.
        this.forget(entry);
        entry = undefined;
      } else {
        entry.cpuCs = priming ? 0 : this.centiseconds(Math.max(0, stat.ticks - entry.ticks));
        entry.childDelta = priming ? 0 : Math.max(0, stat.childTicks - entry.childTicks);
        entry.ticks = stat.ticks;
        entry.childTicks = stat.childTicks;
        entry.ppid = stat.ppid;
        entry.flags = stat.flags;
        // A new comm on the same process: it exec'd something else, so its name and app may differ.
        if (stat.comm !== entry.comm) {
          entry.comm = stat.comm;
          this.unnamed.push(entry);
        } else if (entry.unnamedTries > 0 && entry.unnamedTries < NAME_TRIES) {
          this.unnamed.push(entry);
        }
      }
    }
    if (!entry) {
      entry = this.open(pid);
      if (!entry) return;
      // Started since the previous pass: everything it used was used in the window.
      since = entry.start > sinceTicks ? 'new' : 'unprimed';
      entry.cpuCs = since === 'new' ? this.centiseconds(entry.ticks) : 0;
    }
    entry.seen = pass;
    const statm = this.readFile(entry, 'statm');
    const pages = statm === undefined ? -1 : parseStatmResident(buffer, statm);
    entry.rssBytes = pages > 0 ? pages * this.pageSize : 0;
    const io = this.readFile(entry, 'io');
    const ioTotal = io === undefined ? -1 : parseIoBytes(buffer, io);
    if (ioTotal < 0) entry.ioBytes = null;
    else if (since === 'new') entry.ioBytes = ioTotal;
    else entry.ioBytes = since === 'known' && entry.ioTotal >= 0 ? Math.max(0, ioTotal - entry.ioTotal) : 0;
    entry.ioTotal = ioTotal;
  }

  private open(pid: number): Entry | undefined {
    const { buffer, stat } = this;
    const dir = join(this.root, String(pid));
    const fd = openProcFdSync(join(dir, 'stat'));
    if (typeof fd !== 'number') return undefined;
    const length = readProcFdSync(fd, buffer);
    if (length === undefined || !parsePidStatBytes(buffer, length, stat)) {
      closeProcFd(fd);
      return undefined;
    }
    const hold = this.entries.size < this.maxHeld;
    const entry = new Entry(pid, stat.start, hold ? fd : undefined);
    if (hold) {
      entry.statmFd = openProcFdSync(join(dir, 'statm'));
      entry.ioFd = openProcFdSync(join(dir, 'io'));
    } else {
      closeProcFd(fd);
    }
    entry.ticks = stat.ticks;
    entry.childTicks = stat.childTicks;
    entry.ppid = stat.ppid;
    entry.flags = stat.flags;
    entry.comm = stat.comm;
    entry.childDelta = 0;
    this.entries.set(pid, entry);
    this.unnamed.push(entry);
    return entry;
  }

  /** One of the three files, into the buffer: held open, or opened for this read beyond MAX_HELD. */
  private readFile(entry: Entry, file: 'stat' | 'statm' | 'io'): number | undefined {
    const held = file === 'stat' ? entry.statFd : file === 'statm' ? entry.statmFd : entry.ioFd;
    if (typeof held === 'number') return readProcFdSync(held, this.buffer);
    if (held === 'denied' || entry.statFd !== undefined) return undefined;
    const fd = openProcFdSync(join(this.root, String(entry.pid), file));
    if (typeof fd !== 'number') return undefined;
    const length = readProcFdSync(fd, this.buffer);
    closeProcFd(fd);
    return length;
  }

  /** Apps and names of the processes met for the first time (or since an exec), side by side. */
  private async identifyAll(): Promise<void> {
    const pending = this.unnamed.splice(0);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pending.length) await this.identify(pending[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, pending.length) }, worker));
  }

  /** Its app (container, system service, kernel, or executable) and its names, read once. */
  private async identify(entry: Entry): Promise<void> {
    const comm = entry.comm;
    if (isKernelThread(entry.flags)) {
      entry.app = kernelApp(comm);
      entry.exe = entry.app.name;
      entry.command = `[${comm}]`;
      return;
    }
    const dir = join(this.root, String(entry.pid));
    // Its own buffer: a cmdline read that timed out may still land later.
    const buffer = Buffer.allocUnsafe(4096);
    const unit = appFromCgroup(await readProcOnce(join(dir, 'cgroup'), buffer));
    const answer = await withTimeout(readProcOnce(join(dir, 'cmdline'), buffer), CMDLINE_TIMEOUT_MS);
    const raw = answer === TIMED_OUT ? undefined : answer;
    entry.unnamedTries = answer === TIMED_OUT ? entry.unnamedTries + 1 : 0;
    // The executable itself, where this process may look (its own user's, or everyone's as root):
    // `systemd` started as /sbin/init. A #! script's comm is the script, not its interpreter.
    const target = (await readlink(join(dir, 'exe')).catch(() => '')).replace(/ \(deleted\)$/, '');
    // A program run from memory (memfd) has no file name worth showing.
    const linked = target.startsWith('/memfd:') ? '' : basename(target);
    entry.exe = linked && comm && linked.startsWith(comm) ? linked : nameFromCmdline(comm, raw);
    entry.command = commandLine(raw) || comm;
    entry.app = unit ?? { kind: 'exe', name: entry.exe };
  }

  /**
   * Drops the processes this pass did not see, and adds to each parent the CPU of children it
   * reaped beyond what passes had already seen them use.
   */
  private sweep(pass: number): void {
    const seenOfReaped = new Map<number, number>();
    for (const entry of this.entries.values()) {
      if (entry.seen === pass) continue;
      seenOfReaped.set(entry.ppid, (seenOfReaped.get(entry.ppid) ?? 0) + entry.ticks + entry.childTicks);
      this.forget(entry);
    }
    this.list.length = 0;
    for (const entry of this.entries.values()) {
      if (entry.childDelta > 0) {
        const unseen = entry.childDelta - (seenOfReaped.get(entry.pid) ?? 0);
        if (unseen > 0) entry.cpuCs += this.centiseconds(unseen);
      }
      this.list.push(entry);
    }
  }

  private forget(entry: Entry): void {
    entry.close();
    if (this.entries.get(entry.pid) === entry) this.entries.delete(entry.pid);
  }

  private centiseconds(ticks: number): number {
    return this.clockTicks === 100 ? ticks : (ticks * 100) / this.clockTicks;
  }
}

const TIMED_OUT = Symbol('timed out');

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
