/**
 * A `dashlight run` spawned as a user starts it (bin/dashlight.js → out/main/cli.js), for tests
 * that need a second process beside it: started once it says it samples, however long a busy
 * machine takes to get there.
 *
 * @example
 * const run = await spawnRun(['--db', db, '--interval', '1s']);
 * dashlight(['latest', '--db', db]); // works beside it
 * await run.stop(); // SIGTERM, then waits for the exit
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'dashlight.js');

/** Runs the CLI to the end: its exit status and output (killed after `timeoutMs`, when given: a hang). */
export function dashlight(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs?: number) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: 'SIGKILL' as const }),
  });
}

export interface SpawnedRun {
  readonly child: ChildProcess;
  /** Everything it printed on stderr so far. */
  readonly stderr: () => string;
  /** SIGTERM (or `signal`), then resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnRun(
  args: readonly string[],
  timeoutMs = 30_000,
  env: NodeJS.ProcessEnv = {},
): Promise<SpawnedRun> {
  const child = spawn(process.execPath, [BIN, 'run', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const run: SpawnedRun = {
    child,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dashlight run never said it was sampling:\n${stderr}`));
    }, timeoutMs);
    child.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (/sampling every/.test(stderr)) {
        clearTimeout(timer);
        resolve(run);
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`dashlight run exited (${code}) before it sampled:\n${stderr}`));
    });
  });
}
