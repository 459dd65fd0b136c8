import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeNow, spawnManaged } from './managed-process.js';
import { findBinary } from './system-binary.js';

const isAlive = (pid: number): boolean => {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
};

describe('managed process', () => {
  it('fails the readiness wait with the output when the process exits first', async () => {
    const proc = spawnManaged('/bin/sh', ['-c', 'echo "bind: address already in use" >&2; exit 3'], 'sh');
    await expect(proc.waitUntilReady(async () => false, 10_000)).rejects.toThrow(
      /^sh exited \(code 3, signal null\) before it was ready\. Output:\nbind: address already in use/,
    );
  });

  it('says so when the binary cannot start', async () => {
    const proc = spawnManaged('/nonexistent/server', [], 'server');
    await expect(proc.waitUntilReady(async () => false, 10_000)).rejects.toThrow(/server (could not start|exited)/);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const script = "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);";
    const proc = spawnManaged(process.execPath, ['-e', script], 'stubborn');
    await proc.waitUntilReady(async () => proc.output().includes('up'), 10_000);
    await proc.stop(200);
    expect(await proc.exited).toMatchObject({ signal: 'SIGKILL' });
  });

  describe.skipIf(process.platform !== 'linux' || findBinary('setpriv') === null)(
    'when the test process is SIGKILLed',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dashlight-managed-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it('the kernel ends its servers (setpriv --pdeathsig)', async () => {
        const script = join(dir, 'owner.mts');
        const module = join(import.meta.dirname, 'managed-process.ts');
        writeFileSync(
          script,
          `import { spawnManaged } from ${JSON.stringify(module)};
         const server = spawnManaged('/bin/sleep', ['60'], 'sleep');
         console.log(server.pid);`,
        );
        const owner = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        const pid = await new Promise<number>((resolve) =>
          owner.stdout.once('data', (d: Buffer) => resolve(Number(d))),
        );
        expect(isAlive(pid)).toBe(true);
        owner.kill('SIGKILL');
        await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
      });
    },
  );

  it('sweeps temp dirs whose owner process is gone', async () => {
    const stale = await makeTempDir('dashlight-sweep-');
    writeFileSync(join(stale, 'owner.pid'), '999999999'); // no such process
    const fresh = await makeTempDir('dashlight-sweep-');
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    removeNow(fresh);
    expect(existsSync(fresh)).toBe(false);
  });
});
