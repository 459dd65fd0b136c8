/** The macOS/Windows collectors, driven by injected sources so they run (and can fail) on any OS. */
import { describe, expect, it } from 'vitest';
import { OsCpuCollector } from './cpu-os.js';
import { OsDiskIoCollector } from './disk-io-os.js';
import { OsLoadCollector } from './load-os.js';
import { OsMemoryCollector } from './memory-os.js';
import { OsMountsCollector } from './mounts-os.js';
import { OsNetworkCollector } from './network-os.js';

type Times = { user: number; nice: number; sys: number; idle: number; irq: number };
const cpu = (times: Times): { times: Times } => ({ times });

describe('OsCpuCollector', () => {
  it('primes, then reports total/user/system and per-core busy without iowait', async () => {
    const readings = [
      [cpu({ user: 100, nice: 0, sys: 100, idle: 800, irq: 0 }), cpu({ user: 0, nice: 0, sys: 0, idle: 1000, irq: 0 })],
      [
        cpu({ user: 400, nice: 100, sys: 150, idle: 1300, irq: 50 }),
        cpu({ user: 100, nice: 0, sys: 0, idle: 1900, irq: 0 }),
      ],
    ];
    const collector = new OsCpuCollector({ cpus: () => readings.shift() ?? [] });
    expect(await collector.collect()).toEqual({});
    // core0: user 300 + nice 100, sys 50 + irq 50, idle 500 => 1000 (50 % busy); core1: user 100, idle 900 (10 %).
    expect(await collector.collect()).toEqual({
      'cpu.total': 30,
      'cpu.user': 25,
      'cpu.system': 5,
      'cpu.core[0]': 50,
      'cpu.core[1]': 10,
    });
  });

  it('skips the aggregate when the number of CPUs changed, and re-primes after reset()', async () => {
    const one = [cpu({ user: 0, nice: 0, sys: 0, idle: 100, irq: 0 })];
    const two = [
      cpu({ user: 50, nice: 0, sys: 0, idle: 150, irq: 0 }),
      cpu({ user: 0, nice: 0, sys: 0, idle: 10, irq: 0 }),
    ];
    const readings = [one, two, two];
    const collector = new OsCpuCollector({ cpus: () => readings.shift() ?? [] });
    await collector.collect();
    expect(await collector.collect()).toEqual({ 'cpu.core[0]': 50 });
    collector.reset();
    expect(await collector.collect()).toEqual({});
  });
});

describe('OsLoadCollector', () => {
  it('maps os.loadavg()', async () => {
    expect(await new OsLoadCollector({ loadavg: () => [1.25, 1, 0.5] }).collect()).toEqual({
      'load.1': 1.25,
      'load.5': 1,
      'load.15': 0.5,
    });
  });
});

describe('OsMemoryCollector', () => {
  const GB = 1e9;

  it('on Windows reads available every tick from os.freemem and swap from a cached si.mem', async () => {
    let memCalls = 0;
    const free = [4 * GB, 2 * GB, 2 * GB, 2 * GB];
    const collector = new OsMemoryCollector({
      platform: 'win32',
      totalmem: () => 16 * GB,
      freemem: () => free.shift() ?? 0,
      mem: async () => {
        memCalls += 1;
        return { available: 0, swaptotal: 4 * GB, swapused: memCalls * GB };
      },
    });
    expect(await collector.collect(0)).toEqual({
      'mem.total': 16 * GB,
      'mem.available': 4 * GB,
      'mem.used': 12 * GB,
      'mem.percent': 75,
      'swap.total': 4 * GB,
      'swap.used': 1 * GB,
      'swap.percent': 25,
    });
    expect(await collector.collect(59_000)).toMatchObject({ 'mem.percent': 87.5, 'swap.used': 1 * GB });
    expect(memCalls).toBe(1);
    expect(await collector.collect(60_000)).toMatchObject({ 'swap.used': 2 * GB });
    collector.reset();
    expect(await collector.collect(60_001)).toMatchObject({ 'swap.used': 3 * GB });
  });

  it('on macOS takes available from si.mem (os.freemem ignores reclaimable cache), refreshed every 10 s', async () => {
    let memCalls = 0;
    const collector = new OsMemoryCollector({
      platform: 'darwin',
      totalmem: () => 16 * GB,
      freemem: () => 0.1 * GB,
      mem: async () => {
        memCalls += 1;
        return { available: 8 * GB, swaptotal: 0, swapused: 0 };
      },
    });
    expect(await collector.collect(0)).toEqual({
      'mem.total': 16 * GB,
      'mem.available': 8 * GB,
      'mem.used': 8 * GB,
      'mem.percent': 50,
      'swap.total': 0,
      'swap.used': 0,
    });
    await collector.collect(9_999);
    expect(memCalls).toBe(1);
    await collector.collect(10_000);
    expect(memCalls).toBe(2);
  });
});

describe('OsNetworkCollector', () => {
  it('asks only for recorded interfaces, ignores unmatched 0/0 rows, and computes rates itself', async () => {
    const asked: string[] = [];
    const counters: Array<Record<string, [number, number]>> = [
      { en0: [1000, 100], utun3: [50, 50] },
      { en0: [3000, 300], utun3: [150, 50] },
    ];
    const collector = new OsNetworkCollector({
      interfaceNames: () => ['lo0', 'en0', 'utun3', 'en5'],
      networkStats: async (ifaces) => {
        asked.push(ifaces);
        const now = counters.shift() ?? {};
        return [
          ...Object.entries(now).map(([iface, [rx, tx]]) => ({ iface, rx_bytes: rx, tx_bytes: tx })),
          { iface: 'en5', rx_bytes: 0, tx_bytes: 0 },
        ];
      },
    });
    expect(await collector.collect(0)).toEqual({
      'net.rx_total[en0]': 1000,
      'net.tx_total[en0]': 100,
      'net.rx_total[utun3]': 50,
      'net.tx_total[utun3]': 50,
    });
    expect(await collector.collect(2000)).toMatchObject({
      'net.rx[en0]': 1000,
      'net.tx[en0]': 100,
      'net.rx[utun3]': 50,
      'net.rx': 1000,
      'net.tx': 100,
    });
    expect(asked[0]).toBe('en0,utun3,en5');
  });
});

describe('OsDiskIoCollector', () => {
  it('reports machine-wide rates after priming, nothing for a null source or a backwards counter', async () => {
    const readings = [{ rx: 0, wx: 0 }, { rx: 4096, wx: 8192 }, { rx: 10, wx: 10 }, null];
    const collector = new OsDiskIoCollector({ fsStats: async () => readings.shift() ?? null });
    expect(await collector.collect(0)).toEqual({});
    expect(await collector.collect(1000)).toEqual({ 'disk.read': 4096, 'disk.write': 8192 });
    expect(await collector.collect(2000)).toEqual({});
    expect(await collector.collect(3000)).toEqual({});
  });
});

describe('OsMountsCollector', () => {
  it('keeps user volumes, skips hidden APFS system volumes, and counts a shared container once', async () => {
    const row = (
      fs: string,
      mount: string,
      used: number,
    ): { fs: string; mount: string; size: number; used: number; available: number } => ({
      fs,
      mount,
      size: 1000,
      used,
      available: 600,
    });
    const collector = new OsMountsCollector({
      fsSize: async () => [
        row('/dev/disk3s1s1', '/', 10),
        row('/dev/disk3s6', '/System/Volumes/VM', 20),
        row('/dev/disk3s2', '/System/Volumes/Preboot', 5),
        row('/dev/disk3s5', '/System/Volumes/Data', 390),
      ],
    });
    const values = await collector.collect();
    expect(Object.keys(values).filter((k) => k.startsWith('fs.size'))).toEqual([
      'fs.size[/]',
      'fs.size[/System/Volumes/Data]',
    ]);
    expect(values['disk.used_pct']).toBe(40);
  });

  it('handles Windows drive letters', async () => {
    const collector = new OsMountsCollector({
      fsSize: async () => [
        { fs: 'C:', mount: 'C:', size: 500, used: 300, available: 200 },
        { fs: 'D:', mount: 'D:', size: 0, used: 0, available: 0 },
      ],
    });
    expect(await collector.collect()).toEqual({
      'fs.used[C:]': 300,
      'fs.size[C:]': 500,
      'fs.used_pct[C:]': 60,
      'disk.used_pct': 60,
    });
  });
});
