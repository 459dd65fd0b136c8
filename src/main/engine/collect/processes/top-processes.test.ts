/**
 * Ranking, and the real reader on this machine: one child spins a core, another holds 150 MB, and
 * both must show up in the right list. No assertion on how long anything took, nor on how much
 * CPU the spinner got: on a loaded machine that is anyone's guess, but it always gets more than a
 * child that sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../../shared/alerts.js';
import { TestClock } from '../../test-support/test-clock.js';
import { createProcessReader, rankTop } from './top-processes.js';

const info = (pid: number, cpuPercent: number, rssBytes: number): ProcessInfo => ({
  pid,
  name: `p${pid}`,
  cpuPercent,
  rssBytes,
});

describe('rankTop', () => {
  it('sorts each list descending, breaks ties by pid, and keeps `limit`', () => {
    const list = [info(5, 10, 100), info(3, 50, 100), info(4, 10, 900), info(1, 0, 100), info(2, 10, 0)];
    const top = rankTop(list, 3, 1234);
    expect(top.at).toBe(1234);
    expect(top.byCpu.map((p) => p.pid)).toEqual([3, 2, 4]);
    expect(top.byMemory.map((p) => p.pid)).toEqual([4, 1, 3]);
    expect(rankTop(list, 0, 0).byCpu).toEqual([]);
  });
});

const children: ChildProcess[] = [];

/** Starts a Node child running `code`, resolved once it prints "ready". */
async function child(code: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const [chunk] = (await once(proc.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('ready');
  return proc;
}

afterEach(() => {
  for (const proc of children.splice(0)) proc.kill('SIGKILL');
});

describe.skipIf(process.platform !== 'linux')('createProcessReader (real /proc)', () => {
  it('finds a child busy on one core in byCpu and a 150 MB child in byMemory', async () => {
    const busy = await child('process.stdout.write("ready"); for (;;) {}');
    const hog = await child(
      'globalThis.held = Buffer.alloc(150 * 1024 * 1024, 1); process.stdout.write("ready"); setInterval(() => {}, 1000);',
    );
    const clock = new TestClock(Date.UTC(2026, 10, 23, 9));
    // Every process, so a machine busy with others cannot push the children out of the lists.
    const top = await createProcessReader({ clock, limit: 100_000 }).read();

    expect(top.at).toBe(Date.UTC(2026, 10, 23, 9));
    const spinner = top.byCpu.find((p) => p.pid === busy.pid);
    expect(spinner, JSON.stringify(top.byCpu)).toBeDefined();
    const sleeper = top.byCpu.find((p) => p.pid === hog.pid);
    expect(spinner!.cpuPercent).toBeGreaterThan(sleeper!.cpuPercent);
    expect(top.byCpu.indexOf(spinner!)).toBeLessThan(top.byCpu.indexOf(sleeper!));
    // comm is the executable's name, cut to 15 bytes by the kernel.
    expect(spinner!.name).toBe(basename(process.execPath).slice(0, 15));
    const holder = top.byMemory.find((p) => p.pid === hog.pid);
    expect(holder, JSON.stringify(top.byMemory)).toBeDefined();
    expect(holder!.rssBytes).toBeGreaterThan(100 * 1024 * 1024);
    // Linux reads /proc itself: systeminformation must not have been loaded.
    const require = createRequire(import.meta.url);
    expect(Object.keys(require.cache).filter((path) => path.includes('systeminformation'))).toEqual([]);
  });
});
