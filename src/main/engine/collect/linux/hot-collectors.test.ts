/**
 * The Linux hot collectors against fixture procfs roots. A temporary root is refilled from a
 * fixture folder before each collect, so one collector instance sees a sequence of readings and
 * the test controls monoMs.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Values } from '../types.js';
import { LinuxCpuCollector } from './cpu-linux.js';
import { LinuxDiskIoCollector } from './disk-io-linux.js';
import { LinuxLoadCollector } from './load-linux.js';
import { LinuxMemoryCollector, memoryValues } from './memory-linux.js';
import { LinuxNetworkCollector } from './network-linux.js';
import { parseMeminfo } from './parse-meminfo.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dashlight-proc-'));
});
const opened: { close?(): Promise<void> }[] = [];
/** Registers a collector to be closed after the test (they hold procfs handles open). */
function track<T extends { close?(): Promise<void> }>(collector: T): T {
  opened.push(collector);
  return collector;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close?.()));
  await rm(root, { recursive: true, force: true });
});

/** Rewrites the root's files in place, as procfs does: collectors keep their files open between reads. */
async function use(fixture: string, from = join(FIXTURES, fixture), to = root): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      await mkdir(join(to, entry.name), { recursive: true });
      await use(fixture, join(from, entry.name), join(to, entry.name));
    } else {
      await writeFile(join(to, entry.name), await readFile(join(from, entry.name)));
    }
  }
}

const keysMatching = (values: Values, pattern: RegExp): string[] => Object.keys(values).filter((k) => pattern.test(k));

describe('LinuxCpuCollector', () => {
  it('primes on the first tick, then computes exact percentages from jiffy deltas', async () => {
    const cpu = track(new LinuxCpuCollector({ procRoot: root }));
    await use('t1');
    expect(await cpu.collect()).toEqual({});
    await use('t2');
    // cpu0: user 300, system 100, idle 500, iowait 50, softirq 50 of 1000 jiffies.
    // cpu1: user 100, system 50, idle 800, iowait 50 of 1000. All: user 400, system 150+50, idle 1300, iowait 100 of 2000.
    expect(await cpu.collect()).toEqual({
      'cpu.total': 30,
      'cpu.user': 20,
      'cpu.system': 10,
      'cpu.iowait': 5,
      'cpu.core[0]': 45,
      'cpu.core[1]': 15,
    });
  });

  it('emits nothing when counters go backwards (reboot) and recovers on the next reading', async () => {
    const cpu = track(new LinuxCpuCollector({ procRoot: root }));
    await use('t2');
    await cpu.collect();
    await use('reset');
    expect(await cpu.collect()).toEqual({});
    await use('reset2');
    expect(await cpu.collect()).toEqual({
      'cpu.total': 37.5,
      'cpu.user': 37.5,
      'cpu.system': 0,
      'cpu.iowait': 0,
      'cpu.core[0]': 50,
      'cpu.core[1]': 25,
    });
  });

  it('reset() re-primes', async () => {
    const cpu = track(new LinuxCpuCollector({ procRoot: root }));
    await use('t1');
    await cpu.collect();
    cpu.reset();
    await use('t2');
    expect(await cpu.collect()).toEqual({});
  });
});

describe('LinuxLoadCollector', () => {
  it('reports load from the first tick', async () => {
    await use('t1');
    expect(await new LinuxLoadCollector({ procRoot: root }).collect()).toEqual({
      'load.1': 1.5,
      'load.5': 0.75,
      'load.15': 0.25,
    });
  });
});

describe('LinuxMemoryCollector', () => {
  it('reports bytes and percentages from the first tick', async () => {
    await use('t1');
    expect(await track(new LinuxMemoryCollector({ procRoot: root })).collect()).toEqual({
      'mem.total': 16_384_000_000,
      'mem.available': 12_288_000_000,
      'mem.used': 4_096_000_000,
      'mem.percent': 25,
      'swap.total': 2_048_000_000,
      'swap.used': 512_000_000,
      'swap.percent': 25,
    });
  });

  it('falls back to free + buffers + cached without MemAvailable and omits swap.percent without swap', () => {
    const values = memoryValues(
      parseMeminfo(
        'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 350 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n',
      ),
    );
    expect(values).toEqual({
      'mem.total': 1_024_000,
      'mem.available': 512_000,
      'mem.used': 512_000,
      'mem.percent': 50,
      'swap.total': 0,
      'swap.used': 0,
    });
  });

  it('returns {} when meminfo is missing', async () => {
    expect(await track(new LinuxMemoryCollector({ procRoot: join(root, 'nowhere') })).collect()).toEqual({});
  });
});

describe('LinuxNetworkCollector', () => {
  it('emits raw totals at once and exact rates plus physical-only aggregates 2 s later', async () => {
    // No sysfs here: interfaces are told apart by name (interface-kind.ts).
    const net = track(new LinuxNetworkCollector({ procRoot: root, sysRoot: join(root, 'no-sysfs') }));
    await use('t1');
    const first = await net.collect(1000);
    expect(keysMatching(first, /^net\.(rx|tx)(\[|$)/)).toEqual([]);
    expect(first['net.rx_total[wlan0]']).toBe(4_294_966_000);
    await use('t2');
    const second = await net.collect(3000);
    expect(second).toMatchObject({
      'net.rx[eth0]': 1_000_000,
      'net.tx[eth0]': 100_000,
      'net.rx[wlan0]': 500,
      'net.tx[wlan0]': 250,
      'net.rx[tun0]': 50_000,
      'net.tx[tun0]': 0,
      'net.rx_total[eth0]': 3_000_000,
      // tun0 is a VPN's: recorded, but its bytes also cross eth0/wlan0, so it stays out of the sum.
      'net.rx': 1_000_500,
      'net.tx': 100_250,
      // docker0 (+4,000 B) and the veth pair (+100 B) in 2 s: summed, not recorded one by one.
      'net.rx_virtual': 2050,
      'net.tx_virtual': 2050,
    });
    // Loopback and virtual interfaces get no series of their own.
    expect(keysMatching(second, /\[(lo|veth1a2b3c|docker0)\]$/)).toEqual([]);
  });

  it('drops a 32-bit wrap instead of emitting a negative or huge rate, then recovers', async () => {
    const net = track(new LinuxNetworkCollector({ procRoot: root, sysRoot: join(root, 'no-sysfs') }));
    await use('t2');
    await net.collect(0);
    await use('wrap');
    const wrapped = await net.collect(2000);
    expect(wrapped['net.rx[wlan0]']).toBeUndefined();
    expect(wrapped['net.tx[wlan0]']).toBe(500);
    expect(wrapped['net.rx[eth0]']).toBe(2000);
    expect(wrapped['net.rx']).toBeUndefined();
    expect(Object.values(wrapped).every((v) => v >= 0)).toBe(true);
    await use('wrap2');
    expect(await net.collect(3000)).toMatchObject({
      'net.rx[wlan0]': 3000,
      'net.tx[wlan0]': 100,
      'net.rx': 4000,
      'net.tx': 100,
    });
  });

  it('re-primes after a reboot-like reset of every counter, and after reset()', async () => {
    const net = track(new LinuxNetworkCollector({ procRoot: root, sysRoot: join(root, 'no-sysfs') }));
    await use('t2');
    await net.collect(0);
    await use('reset');
    const afterReboot = await net.collect(1000);
    expect(keysMatching(afterReboot, /^net\.(rx|tx)(\[|$)/)).toEqual([]);
    expect(afterReboot['net.rx_total[eth0]']).toBe(1000);
    await use('reset2');
    expect(await net.collect(2000)).toMatchObject({
      'net.rx[eth0]': 4096,
      'net.tx[eth0]': 1024,
      'net.rx': 4196,
      'net.tx': 1074,
    });
    net.reset();
    await use('t2');
    expect(keysMatching(await net.collect(3000), /^net\.(rx|tx)(\[|$)/)).toEqual([]);
  });
});

describe('LinuxDiskIoCollector', () => {
  it('reports whole disks only, with exact byte rates and aggregates', async () => {
    const io = track(new LinuxDiskIoCollector({ procRoot: root }));
    await use('t1');
    expect(await io.collect(0)).toEqual({});
    await use('t2');
    // sda: 2048 read and 4096 written sectors in 2 s; nvme0n1: 1000 read sectors; mmcblk0 idle.
    // dm-0, md0, partitions, loop and zram moved too but must not count.
    expect(await io.collect(2000)).toEqual({
      'disk.read[sda]': 524_288,
      'disk.write[sda]': 1_048_576,
      'disk.read[nvme0n1]': 256_000,
      'disk.write[nvme0n1]': 0,
      'disk.read[mmcblk0]': 0,
      'disk.write[mmcblk0]': 0,
      'disk.read': 780_288,
      'disk.write': 1_048_576,
    });
  });

  it('drops a wrapped counter and the aggregate for one tick, then recovers', async () => {
    const io = track(new LinuxDiskIoCollector({ procRoot: root }));
    await use('t2');
    await io.collect(0);
    await use('wrap');
    const wrapped = await io.collect(2000);
    expect(wrapped).toEqual({
      'disk.read[sda]': 262_144,
      'disk.read[nvme0n1]': 0,
      'disk.write[nvme0n1]': 512_000,
      'disk.read[mmcblk0]': 0,
      'disk.write[mmcblk0]': 0,
    });
    await use('wrap2');
    expect(await io.collect(3000)).toMatchObject({
      'disk.write[sda]': 102_400,
      'disk.read[nvme0n1]': 51_200,
      'disk.read': 51_200,
      'disk.write': 102_400,
    });
  });

  it('re-primes after a reboot-like reset and after reset()', async () => {
    const io = track(new LinuxDiskIoCollector({ procRoot: root }));
    await use('t2');
    await io.collect(0);
    await use('reset');
    const afterReboot = await io.collect(1000);
    expect(afterReboot['disk.read[sda]']).toBeUndefined();
    expect(afterReboot['disk.read']).toBeUndefined();
    await use('reset2');
    expect(await io.collect(2000)).toMatchObject({
      'disk.read[sda]': 4096,
      'disk.write[sda]': 1024,
      'disk.write[nvme0n1]': 2048,
      'disk.read': 4096,
      'disk.write': 3072,
    });
    io.reset();
    expect(await io.collect(3000)).toEqual({});
  });
});
