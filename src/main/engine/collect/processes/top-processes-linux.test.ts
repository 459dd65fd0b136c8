/**
 * The /proc reader against a fake procfs root in a temp dir. The injected sleep rewrites the
 * fixture between the two passes and the injected clock makes the window exactly 500 ms, so the
 * CPU figures are exact.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePidStat, parseVmRssBytes, processesBetween, readLinuxProcesses } from './top-processes-linux.js';

/** A stat line with the given comm and times; every other field is a plausible constant. */
function statLine(pid: number, comm: string, utime: number, stime: number, start = 1000): string {
  return `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194560 500 0 0 0 ${utime} ${stime} 7 3 20 0 1 0 ${start} 9000000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
}

const status = (rssKb: number | null): string =>
  `Name:\tx\nState:\tS (sleeping)\nVmPeak:\t  9000 kB\n${rssKb === null ? '' : `VmRSS:\t  ${rssKb} kB\n`}Threads:\t1\n`;

describe('parsePidStat', () => {
  it('reads past a comm with spaces and parentheses, from the last ")"', () => {
    expect(parsePidStat(statLine(7, 'my (weird) proc', 12, 3, 500))).toEqual({
      pid: 7,
      comm: 'my (weird) proc',
      ticks: 15,
      startTicks: 500,
    });
    expect(parsePidStat(statLine(8, ') S 1 2 3', 4, 5))).toMatchObject({ comm: ') S 1 2 3', ticks: 9 });
  });

  it('rejects what is not a stat line', () => {
    expect(parsePidStat('')).toBeUndefined();
    expect(parsePidStat('12 (truncated) S 1 2')).toBeUndefined();
    expect(parsePidStat('(x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20')).toBeUndefined();
  });
});

describe('parseVmRssBytes', () => {
  it('reads kB, and a kernel thread without VmRSS holds nothing', () => {
    expect(parseVmRssBytes(status(2048))).toBe(2048 * 1024);
    expect(parseVmRssBytes(status(null))).toBe(0);
  });
});

describe('readLinuxProcesses (fixture procfs)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dashlight-top-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function put(pid: number, stat: string | null, rssKb: number | null = 1024): Promise<void> {
    const dir = join(root, String(pid));
    await mkdir(dir, { recursive: true });
    await (stat === null ? rm(join(dir, 'stat'), { force: true }) : writeFile(join(dir, 'stat'), stat));
    await writeFile(join(dir, 'status'), status(rssKb));
  }

  it('measures the tick delta over the window and handles vanished, new and reused pids', async () => {
    await put(1, statLine(1, 'init', 100, 50));
    await put(20, statLine(20, 'busy (worker)', 1000, 0));
    await put(30, statLine(30, 'gone', 10, 10));
    await put(40, statLine(40, 'reused', 5000, 0, 1000));
    await put(50, statLine(50, 'no status later', 0, 0));
    await writeFile(join(root, 'stat'), 'cpu  1 2 3 4\n'); // not a pid: ignored
    await mkdir(join(root, 'self'));

    let clock = 0;
    const list = await readLinuxProcesses({
      procRoot: root,
      now: () => clock,
      sleep: async (ms) => {
        expect(ms).toBe(500);
        clock += 500;
        await put(1, statLine(1, 'init', 101, 50), 4096); // 1 tick in 0.5 s = 2 %
        await put(20, statLine(20, 'busy (worker)', 1075, 25), 153_600); // 100 ticks = 200 %, two cores
        await rm(join(root, '30'), { recursive: true }); // exited during the window
        await put(40, statLine(40, 'reused', 20, 0, 1040)); // new process, same pid: all 20 ticks count
        await put(60, statLine(60, 'newborn', 10, 0, 1045)); // started during the window
        await rm(join(root, '50', 'status')); // exited between its stat and status reads
        await put(70, statLine(70, 'missed', 9000, 0, 900)); // older than the first pass, which missed it
      },
    });

    const byPid = new Map(list.map((p) => [p.pid, p]));
    expect([...byPid.keys()].sort((a, b) => a - b)).toEqual([1, 20, 40, 60, 70]);
    expect(byPid.get(1)).toEqual({ pid: 1, name: 'init', cpuPercent: 2, rssBytes: 4096 * 1024 });
    expect(byPid.get(20)).toEqual({ pid: 20, name: 'busy (worker)', cpuPercent: 200, rssBytes: 153_600 * 1024 });
    expect(byPid.get(40)?.cpuPercent).toBe(40);
    expect(byPid.get(60)?.cpuPercent).toBe(20);
    expect(byPid.get(70)).toEqual({ pid: 70, name: 'missed', cpuPercent: 0, rssBytes: 1024 * 1024 });
  });

  it('reports 0 % rather than dividing by a zero-length window', () => {
    const sample = { pid: 1, comm: 'a', ticks: 10, startTicks: 1, rssBytes: 0 };
    const snapshot = { atMs: 5, pids: new Map([[1, sample]]) };
    expect(processesBetween(snapshot, snapshot)).toEqual([{ pid: 1, name: 'a', cpuPercent: 0, rssBytes: 0 }]);
  });
});
