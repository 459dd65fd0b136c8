/**
 * The systeminformation variant with an injected processes(): it cannot really run on this Linux
 * machine (and on Linux the engine never loads systeminformation).
 */
import { describe, expect, it } from 'vitest';
import { fromSiProcesses, readSiProcesses, type SiProcess } from './top-processes-si.js';

const WINDOWS_LIST: SiProcess[] = [
  { pid: 0, name: 'System Idle Process', cpu: 70, memRss: 8 },
  { pid: 4, name: 'System', cpu: 0.5, memRss: 1216 },
  { pid: 900, name: 'chrome.exe', cpu: 25, memRss: 153_600 },
  { pid: 901, name: 'broken.exe', cpu: Number.NaN, memRss: Number.NaN },
];

describe('fromSiProcesses', () => {
  it('turns a Windows whole-machine share into percent of one core, KiB into bytes, and drops the idle process', () => {
    expect(fromSiProcesses(WINDOWS_LIST, { platform: 'win32', cpuCount: 8 })).toEqual([
      { pid: 4, name: 'System', cpuPercent: 4, rssBytes: 1216 * 1024 },
      { pid: 900, name: 'chrome.exe', cpuPercent: 200, rssBytes: 153_600 * 1024 },
      { pid: 901, name: 'broken.exe', cpuPercent: 0, rssBytes: 0 },
    ]);
  });

  it('keeps macOS ps %cpu as is (already percent of one core)', () => {
    const list: SiProcess[] = [{ pid: 0, name: 'kernel_task', cpu: 150.5, memRss: 2048 }];
    expect(fromSiProcesses(list, { platform: 'darwin', cpuCount: 10 })).toEqual([
      { pid: 0, name: 'kernel_task', cpuPercent: 150.5, rssBytes: 2048 * 1024 },
    ]);
  });
});

describe('readSiProcesses', () => {
  function fake(): { calls: string[]; options: Parameters<typeof readSiProcesses>[0] } {
    const calls: string[] = [];
    return {
      calls,
      options: {
        cpuCount: 4,
        processes: async () => {
          calls.push('processes');
          return { list: WINDOWS_LIST.slice(1, 3) };
        },
        sleep: async (ms) => {
          calls.push(`sleep ${ms}`);
        },
      },
    };
  }

  it('on Windows primes, then waits at least the window and past si’s 500 ms cache', async () => {
    const { calls, options } = fake();
    const list = await readSiProcesses({ ...options, platform: 'win32', sampleMs: 200 });
    expect(calls).toEqual(['processes', 'sleep 525', 'processes']);
    expect(list.map((p) => p.cpuPercent)).toEqual([2, 100]);

    const longer = fake();
    await readSiProcesses({ ...longer.options, platform: 'win32', sampleMs: 2000 });
    expect(longer.calls).toEqual(['processes', 'sleep 2000', 'processes']);
  });

  it('on macOS reads once: ps has no shorter window to sample', async () => {
    const { calls, options } = fake();
    const list = await readSiProcesses({ ...options, platform: 'darwin' });
    expect(calls).toEqual(['processes']);
    expect(list.map((p) => p.cpuPercent)).toEqual([0.5, 25]);
  });
});
