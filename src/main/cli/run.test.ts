// Spawns the built CLI (bin/dashlight.js → out/main/cli.js) as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ALWAYS_FIRING_LINE, alwaysFiringConfig } from './test-support/always-firing.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'dashlight.js');

function dashlight(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('dashlight run (spawned)', () => {
  it('samples until SIGTERM, commits on the way out, and a restart records a gap', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-run-'));
    const db = join(dir, 'dashlight.db');
    // Runs for `ms` once the engine says it is sampling: however long a busy machine takes to
    // start it, it then samples for that long.
    const runFor = (ms: number) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'run', '--db', db, '--interval', '1s'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        let armed = false;
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (armed || !/sampling every/.test(stderr)) return;
          armed = true;
          setTimeout(() => child.kill('SIGTERM'), ms);
        });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const first = await runFor(3500);
    expect(first.stderr).toMatch(/sampling every 1s into .*dashlight\.db/);
    expect(first.stderr).toMatch(/stopped cleanly/);
    expect(first.code).toBe(0);
    const list = JSON.parse(dashlight(['list', '--db', db, '--json']).stdout);
    // 1 Hz for ~3.5 s; commits are every 10 s, so these rows exist only because stop flushed them.
    expect(list.pagination.total).toBeGreaterThanOrEqual(2);
    expect(list.data[0].values['cpu.total']).toEqual(expect.any(Number));

    const second = await runFor(2500);
    expect(second.code).toBe(0);
    const after = JSON.parse(dashlight(['list', '--db', db, '--json', '--limit', '5000']).stdout);
    expect(after.pagination.total).toBeGreaterThan(list.pagination.total);
    // The first sample of the second run follows a 'restart' gap, so charts break there.
    const firstOfSecondRun = after.data[after.data.length - list.pagination.total - 1];
    expect(firstOfSecondRun.gapBefore).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'restarts itself in place with a small young generation (same pid)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dashlight-run-flags-'));
      const child = spawn(process.execPath, [BIN, 'run', '--db', join(dir, 'x.db'), '--interval', '1s'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      try {
        await vi.waitFor(() => expect(stderr, 'the engine never said it was sampling').toMatch(/sampling every/), {
          timeout: 20_000,
          interval: 100,
        });
        const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        expect(argv).toContain('--max-semi-space-size=1');
        expect(argv.slice(-6)).toEqual([BIN, 'run', '--db', join(dir, 'x.db'), '--interval', '1s']);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.on('exit', resolve));
      }
      expect(stderr).toMatch(/stopped cleanly/);
    },
  );

  describe('alert lines and Ctrl-C', () => {
    /** A run whose one rule fires on the first sample: its line on stdout says a sample is buffered. */
    async function runWithAlwaysFiring(extra: string[] = []) {
      const dir = await mkdtemp(join(tmpdir(), 'dashlight-run-alert-'));
      const db = join(dir, 'dashlight.db');
      const config = await alwaysFiringConfig(dir);
      const child = spawn(process.execPath, [BIN, 'run', '--db', db, '--config', config, ...extra], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = { stdout: '', stderr: '' };
      child.stdout.on('data', (d: Buffer) => (output.stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output.stderr += d.toString()));
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      const seen = (stream: 'stdout' | 'stderr', pattern: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (pattern.test(output[stream])) resolve();
          };
          child[stream].on('data', () => setImmediate(check));
          check();
        });
      return { child, dir, db, output, exit, seen };
    }

    it('prints each alert transition as one line, and Ctrl-C ends by SIGINT after committing', async () => {
      const run = await runWithAlwaysFiring();
      await run.seen('stdout', /\n/);
      // npx forwards the terminal's Ctrl-C once more: the echo must not cut the commit short.
      run.child.kill('SIGINT');
      run.child.kill('SIGINT');
      expect(await run.exit).toEqual({ code: null, signal: 'SIGINT' });
      expect(run.output.stdout).toMatch(ALWAYS_FIRING_LINE);
      expect(run.output.stdout.trim().split('\n')).toHaveLength(1);
      expect(run.output.stderr).toMatch(
        /dashlight: SIGINT received, committing buffered samples…\ndashlight: stopped cleanly\n$/,
      );
      const list = JSON.parse(dashlight(['list', '--db', run.db, '--json']).stdout);
      expect(list.pagination.total).toBeGreaterThanOrEqual(1);
    });

    it('--quiet prints no alert lines and no banner; warnings and the log still go where they go', async () => {
      const run = await runWithAlwaysFiring(['--quiet', '--verbose']);
      // With --verbose the structured log goes to stderr: the alert's own log line says it fired.
      await run.seen('stderr', /"ruleId":"always"/);
      run.child.kill('SIGTERM');
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(run.output.stdout).toBe('');
      for (const line of run.output.stderr.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
    });
  });

  it('prints one line and exits 2 on bad flags, with no stack trace', () => {
    const result = dashlight(['list', '--page', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^dashlight: --page: "0" must be a whole number/);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('--help lists every command', () => {
    const result = dashlight(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['run', 'sample', 'latest', 'list', 'history', 'metrics', 'stats', 'doctor'])
      expect(result.stdout).toContain(command);
  });
});
