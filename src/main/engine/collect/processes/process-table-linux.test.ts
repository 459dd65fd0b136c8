/**
 * The Linux process table against procfs trees of three machines (test-support/machines.ts),
 * read twice with the machine moved on in between. The injected clock makes the window exactly
 * 5 s; every expected figure is worked out by hand from the tick and byte counts written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../test-support/test-clock.js';
import { LinuxProcessTable } from './process-table-linux.js';
import type { ProcessReading, ProcessSnapshot } from './process-snapshot.js';
import { DESKTOP, K8S_NODE, OLD_SERVER } from './test-support/machines.js';
import { ProcTree, type Machine } from './test-support/proc-tree.js';

const T0 = Date.UTC(2026, 10, 23, 9);
const trees: ProcTree[] = [];
const tables: LinuxProcessTable[] = [];

afterEach(async () => {
  for (const table of tables.splice(0)) await table.close();
  for (const tree of trees.splice(0)) await tree.remove();
});

async function machine(spec: Machine, maxHeld?: number) {
  const tree = await ProcTree.create(spec);
  trees.push(tree);
  const clock = new TestClock(T0);
  const table = new LinuxProcessTable({ procRoot: tree.root, clock, pageSize: 4096, maxHeld });
  tables.push(table);
  return { tree, clock, table };
}

const byPid = (snapshot: ProcessSnapshot) => new Map(snapshot.processes.map((p) => [p.pid, p]));
const summary = (p: ProcessReading | undefined) =>
  p && { app: `${p.app.kind}:${p.app.name}`, exe: p.exe, cpuCs: p.cpuCs, rssBytes: p.rssBytes, ioBytes: p.ioBytes };

describe('LinuxProcessTable on a desktop', () => {
  it('groups processes into apps and names them from cgroup, cmdline and comm', async () => {
    const { table } = await machine(DESKTOP);
    const first = await table.read();
    expect(first).toMatchObject({ ts: T0, elapsedMs: null, cores: 4 });
    const apps = new Map(first.processes.map((p) => [p.pid, `${p.app.kind}:${p.app.name}`]));
    expect(Object.fromEntries(apps)).toEqual({
      1: 'exe:systemd',
      2: 'kernel:kthreadd',
      31: 'kernel:kworker',
      32: 'kernel:kworker',
      700: 'unit:nginx.service',
      701: 'unit:nginx.service',
      702: 'unit:nginx.service',
      900: 'container:3f2a1b4c5d6e',
      1500: 'exe:gnome-shell',
      2100: 'exe:firefox',
      2150: 'exe:firefox',
      2160: 'exe:firefox',
      3000: 'exe:bash',
      3100: 'exe:make',
    });
    const p = byPid(first);
    // Firefox renames its content processes' main thread; the command line says what they are.
    expect(p.get(2150)).toMatchObject({
      exe: 'firefox',
      command: '/usr/lib/firefox/firefox -contentproc -isForBrowser -prefsLen 31000 tab',
    });
    expect(p.get(31)).toMatchObject({ exe: 'kworker', command: '[kworker/3:1H-kblockd]', rssBytes: 0 });
    // A priming pass has memory but no usage yet.
    expect(p.get(2100)).toMatchObject({ cpuCs: 0, ioBytes: 0, rssBytes: 90_000 * 4096 });
  });

  it('measures the window, and handles an exit between two passes, a reused pid and a newborn', async () => {
    const { tree, clock, table } = await machine(DESKTOP);
    tree.set(3150, {
      comm: 'gcc',
      ppid: 3100,
      utime: 40,
      stime: 0,
      start: 4950,
      resident: 700,
      io: null,
      cgroup: DESKTOP.processes[12]!.cgroup,
      argv: ['gcc', '-c', 'a.c'],
    });
    await tree.write();
    await table.read();

    clock.advance(5000);
    tree.advance(5);
    tree.set(2100, { utime: 20_300, io: { read: 11_534_336, write: 5_242_880 } }); // +300 ticks, +1 MiB read
    tree.set(2150, { utime: 8150, stime: 1050 }); // +200
    tree.set(701, { utime: 440, resident: 2600 }); // +40
    tree.set(900, { utime: 1300, io: { read: 1_048_576, write: 2_101_248 } }); // +100, +4 KiB written
    tree.set(31, { stime: 50 }); // +10
    // gcc used 30 more ticks and exited; a compiler make started after the first pass used 80 and
    // exited unseen. make waited for both: its cutime grew by 70 + 80.
    await tree.exit(3150);
    tree.set(3100, { utime: 25, cutime: 150 });
    // bash exited, and its pid went to a new process that started 2 s into the window.
    await tree.exit(3000);
    tree.set(3000, {
      comm: 'python3',
      ppid: 1500,
      utime: 60,
      stime: 10,
      start: 500_200,
      resident: 5000,
      io: { read: 2048, write: 0 },
      cgroup: DESKTOP.processes[12]!.cgroup,
      argv: ['python3', 'train.py'],
    });
    // A process born in the window: all it used counts.
    tree.set(3300, {
      comm: 'node',
      ppid: 1500,
      utime: 120,
      stime: 0,
      start: 500_300,
      resident: 10_000,
      io: { read: 0, write: 0 },
      cgroup: DESKTOP.processes[12]!.cgroup,
      argv: ['/usr/bin/node', 'server.js'],
    });
    await tree.write();

    const second = await table.read();
    expect(second.elapsedMs).toBe(5000);
    const p = byPid(second);
    expect([...p.keys()].sort((a, b) => a - b)).toEqual([
      1, 2, 31, 32, 700, 701, 702, 900, 1500, 2100, 2150, 2160, 3000, 3100, 3300,
    ]);
    expect(summary(p.get(2100))).toEqual({
      app: 'exe:firefox',
      exe: 'firefox',
      cpuCs: 300,
      rssBytes: 90_000 * 4096,
      ioBytes: 1_048_576,
    });
    expect(summary(p.get(2150))).toMatchObject({ cpuCs: 200, ioBytes: 0 });
    expect(summary(p.get(701))).toMatchObject({ cpuCs: 40, rssBytes: 2600 * 4096, ioBytes: 0 });
    expect(summary(p.get(900))).toMatchObject({ app: 'container:3f2a1b4c5d6e', cpuCs: 100, ioBytes: 4096 });
    expect(summary(p.get(31))).toMatchObject({ app: 'kernel:kworker', cpuCs: 10 });
    // make: 5 of its own, plus what its children used beyond the 40 ticks gcc was seen using.
    expect(summary(p.get(3100))).toMatchObject({ app: 'exe:make', cpuCs: 5 + (150 - 40) });
    // The reused pid is the new process: named afresh, and all 70 ticks are in the window.
    expect(summary(p.get(3000))).toEqual({
      app: 'exe:python3',
      exe: 'python3',
      cpuCs: 70,
      rssBytes: 5000 * 4096,
      ioBytes: 2048,
    });
    expect(summary(p.get(3300))).toMatchObject({ app: 'exe:node', cpuCs: 120, ioBytes: 0 });
    expect(summary(p.get(1500))).toMatchObject({ cpuCs: 0 });
  });

  it('names a process again when it execs something else (a new comm)', async () => {
    const { tree, clock, table } = await machine(DESKTOP);
    await table.read();
    clock.advance(5000);
    tree.advance(5);
    tree.set(3000, { comm: 'htop', argv: ['htop'], utime: 12 });
    await tree.write();
    const p = byPid(await table.read());
    expect(summary(p.get(3000))).toMatchObject({ app: 'exe:htop', exe: 'htop', cpuCs: 2 });
  });

  it('reads the same figures when too many processes to hold their files open', async () => {
    const { tree, clock, table } = await machine(DESKTOP, 0);
    await table.read();
    clock.advance(5000);
    tree.advance(5);
    tree.set(2100, { utime: 20_300 });
    await tree.write();
    expect(summary(byPid(await table.read()).get(2100))).toMatchObject({ cpuCs: 300, ioBytes: 0 });
  });

  it('primes again after reset: no deltas across a gap', async () => {
    const { tree, clock, table } = await machine(DESKTOP);
    await table.read();
    clock.advance(60_000);
    tree.set(2100, { utime: 90_000 });
    await tree.write();
    table.reset();
    const after = await table.read();
    expect(after.elapsedMs).toBeNull();
    expect(byPid(after).get(2100)?.cpuCs).toBe(0);
  });
});

describe('LinuxProcessTable on servers', () => {
  it('a Kubernetes node: system services by unit, pods by container id', async () => {
    const { table } = await machine(K8S_NODE);
    const snapshot = await table.read();
    expect(snapshot.cores).toBe(8);
    expect(snapshot.processes.map((p) => `${p.pid} ${p.app.kind}:${p.app.name}`).sort()).toEqual([
      '1 exe:systemd',
      '4000 container:a1b2c3d4e5f6',
      '4100 container:b2c3d4e5f607',
      '600 unit:kubelet.service',
      '610 unit:containerd.service',
    ]);
  });

  it('cgroup v1 with Docker’s cgroupfs driver; an io file that cannot be read is unknown, not zero', async () => {
    const { tree, clock, table } = await machine(OLD_SERVER);
    await table.read();
    clock.advance(5000);
    tree.advance(5);
    tree.set(950, { utime: 7250 });
    await tree.write();
    const p = byPid(await table.read());
    expect(summary(p.get(950))).toEqual({
      app: 'container:3f2a1b4c5d6e',
      exe: 'redis-server',
      cpuCs: 250,
      rssBytes: 20_000 * 4096,
      ioBytes: null,
    });
    expect(summary(p.get(800))).toMatchObject({ app: 'unit:ssh.service', exe: 'sshd' });
    // A #! script run by bash: comm is the script, and so is its name.
    expect(summary(p.get(1200))).toMatchObject({ app: 'exe:backup.sh', exe: 'backup.sh' });
    expect(p.get(1200)?.command).toBe('/bin/bash /usr/local/bin/backup.sh --daily');
  });
});
