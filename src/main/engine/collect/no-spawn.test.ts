/**
 * The Linux hot set must run with zero child processes per tick (the CPU budget in docs/ARCHITECTURE.md
 * depends on it). child_process is wrapped BEFORE the collectors (and anything they import) are
 * loaded, because systeminformation captures `exec` at require time.
 */
import { existsSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const SPAWNERS = ['spawn', 'exec', 'execFile', 'execSync', 'execFileSync', 'spawnSync', 'fork'] as const;
const calls: string[] = [];

function patchChildProcess(): void {
  const childProcess: Record<string, unknown> = require('node:child_process');
  for (const name of SPAWNERS) {
    const original = childProcess[name];
    if (typeof original !== 'function') throw new Error(`child_process.${name} is not a function`);
    childProcess[name] = function counted(this: unknown, ...args: unknown[]): unknown {
      calls.push(`${name}(${String(args[0])})`);
      return Reflect.apply(original, this, args);
    };
  }
  // Make ESM named imports (`import { exec } from 'node:child_process'`) see the wrappers too.
  syncBuiltinESMExports();
}

const isLinux = process.platform === 'linux';
if (!isLinux) {
  // eslint-disable-next-line no-console -- a skipped suite must say why, loudly (docs/ARCHITECTURE.md, Tests).
  console.warn(
    `SKIPPED no-spawn.test.ts: the zero-child-process guarantee is Linux-only (platform is ${process.platform}).`,
  );
}

describe.skipIf(!isLinux)('Linux hot set (real /proc)', () => {
  it('spawns no child process over five ticks, and never loads systeminformation', async () => {
    patchChildProcess();
    const { createCollectors } = await import('./create-collectors.js');
    const { hot } = createCollectors({ platform: 'linux' });
    let last: Record<string, number> = {};
    for (let tick = 0; tick < 5; tick++) {
      // Let the jiffy counters advance so the CPU collector has something to report.
      if (tick > 0) await new Promise((resolve) => setTimeout(resolve, 30));
      last = {};
      for (const collector of hot) Object.assign(last, await collector.collect(tick * 1000));
    }
    await Promise.all(hot.map((c) => c.close?.()));
    expect(calls).toEqual([]);
    expect(Object.keys(require.cache).filter((path) => path.includes('systeminformation'))).toEqual([]);
    // Not vacuous: the collectors really read the machine.
    expect(last).toHaveProperty('mem.total');
    expect(last).toHaveProperty('load.1');
    expect(Object.keys(last).some((k) => k.startsWith('cpu.core['))).toBe(true);
  });

  it.skipIf(existsSync('/proc/driver/nvidia/version'))(
    'the slow set spawns nothing and loads no systeminformation either (no NVIDIA driver here)',
    async () => {
      const { createCollectors } = await import('./create-collectors.js');
      const { slow } = createCollectors({ platform: 'linux' });
      const values: Record<string, number> = {};
      for (const collector of slow) Object.assign(values, await collector.collect(0));
      expect(calls).toEqual([]);
      expect(Object.keys(require.cache).filter((path) => path.includes('systeminformation'))).toEqual([]);
      expect(values).toHaveProperty('disk.used_pct');
    },
  );

  it('would notice a spawn (the wrapper counts calls made through the ESM import)', async () => {
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['-e', '']);
    expect(calls).toEqual([`spawnSync(${process.execPath})`]);
  });
});
