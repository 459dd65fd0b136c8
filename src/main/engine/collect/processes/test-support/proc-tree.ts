/**
 * Writes a procfs tree a test controls: per process the files the process table reads, in the
 * kernel's formats (proc(5)): `stat`, `statm`, `io`, `cgroup` and `cmdline`, plus the machine's
 * `stat` (its cpuN lines give the core count) and `uptime`.
 *
 * procfs fails reads of a dead process's files, even through a descriptor opened while it lived;
 * ordinary files would go on reading their last contents. `exit` therefore empties the files
 * before removing the folder, which reads the same way to the table: nothing there.
 *
 * @example
 * const tree = await ProcTree.create(DESKTOP);
 * tree.set(4242, { utime: 900 }); await tree.write(); // the same process used 9 s more
 * await tree.exit(4242);
 */
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcSpec {
  readonly pid: number;
  readonly comm: string;
  readonly ppid: number;
  /** Clock ticks (USER_HZ 100). */
  readonly utime: number;
  readonly stime: number;
  readonly cutime?: number;
  readonly cstime?: number;
  /** Ticks after boot. */
  readonly start: number;
  /** Resident pages (4 KiB in these tests). */
  readonly resident: number;
  /** read_bytes and write_bytes; null: the io file is absent (not readable). */
  readonly io: { readonly read: number; readonly write: number } | null;
  /** The text of /proc/<pid>/cgroup. */
  readonly cgroup: string;
  /** argv, written NUL-separated; [] for kernel threads. */
  readonly argv: readonly string[];
  /** Where /proc/<pid>/exe points; absent: not readable (another user's process). */
  readonly exe?: string;
  /** A kernel thread: PF_KTHREAD set in the stat flags. */
  readonly kthread?: boolean;
}

export interface Machine {
  readonly cores: number;
  /** Seconds since boot. */
  readonly uptime: number;
  readonly processes: readonly ProcSpec[];
}

function statLine(p: ProcSpec): string {
  const f = [
    p.pid,
    `(${p.comm})`,
    'S',
    p.ppid,
    p.pid,
    p.pid,
    0,
    -1,
    p.kthread ? 0x0020_8040 : 0x0040_0100,
    500,
    0,
    0,
    0,
    p.utime,
    p.stime,
    p.cutime ?? 0,
    p.cstime ?? 0,
    20,
    0,
    1,
    0,
    p.start,
    9_000_000,
    p.resident,
    '18446744073709551615',
    1,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    17,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  return `${f.join(' ')}\n`;
}

const ioText = (io: { read: number; write: number }) =>
  `rchar: ${io.read * 3}\nwchar: ${io.write * 2}\nsyscr: 120\nsyscw: 80\nread_bytes: ${io.read}\nwrite_bytes: ${io.write}\ncancelled_write_bytes: 0\n`;

export class ProcTree {
  private readonly processes = new Map<number, ProcSpec>();
  private uptime: number;

  private constructor(
    readonly root: string,
    private readonly machine: Machine,
  ) {
    this.uptime = machine.uptime;
    for (const p of machine.processes) this.processes.set(p.pid, p);
  }

  static async create(machine: Machine): Promise<ProcTree> {
    const tree = new ProcTree(await mkdtemp(join(tmpdir(), 'dashlight-proc-')), machine);
    await tree.write();
    return tree;
  }

  /** Changes a process (or adds one) for the next `write`. */
  set(pid: number, change: Partial<ProcSpec>): void {
    const before = this.processes.get(pid);
    this.processes.set(pid, { ...(before as ProcSpec), ...change, pid });
  }

  /** Moves the machine's clock on. */
  advance(seconds: number): void {
    this.uptime += seconds;
  }

  /** Rewrites every file in place (the same files, as a live process's stay the same). */
  async write(): Promise<void> {
    const cpus = Array.from({ length: this.machine.cores }, (_, i) => `cpu${i} 100 0 100 1000 0 0 0 0 0 0`);
    await writeFile(join(this.root, 'stat'), `cpu  400 0 400 4000 0 0 0 0 0 0\n${cpus.join('\n')}\nintr 0\n`);
    await writeFile(join(this.root, 'uptime'), `${this.uptime.toFixed(2)} 1000.00\n`);
    for (const p of this.processes.values()) {
      const dir = join(this.root, String(p.pid));
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'stat'), statLine(p));
      await writeFile(
        join(dir, 'statm'),
        `${p.resident * 3} ${p.resident} ${Math.floor(p.resident / 4)} 10 0 ${p.resident} 0\n`,
      );
      if (p.io) await writeFile(join(dir, 'io'), ioText(p.io));
      await writeFile(join(dir, 'cgroup'), p.cgroup);
      await writeFile(join(dir, 'cmdline'), p.argv.length > 0 ? `${p.argv.join('\0')}\0` : '');
      await rm(join(dir, 'exe'), { force: true });
      if (p.exe) await symlink(p.exe, join(dir, 'exe'));
    }
  }

  /** The process ends: its files read as nothing, then its folder goes. */
  async exit(pid: number): Promise<void> {
    const dir = join(this.root, String(pid));
    for (const file of ['stat', 'statm', 'io']) await truncate(join(dir, file)).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    this.processes.delete(pid);
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
