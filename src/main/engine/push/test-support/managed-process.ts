/**
 * A server process owned by a test: spawned so it cannot outlive the test process, with the tail
 * of its output kept for error messages, a readiness wait, and a stop that always ends it.
 *
 * Three layers keep processes from leaking: `stop()`; a synchronous kill on the test process's
 * `exit`; and on Linux `setpriv --pdeathsig SIGKILL`, which makes the kernel kill the server even
 * when the test worker itself is SIGKILLed (vitest timeouts, Ctrl-C), where no handler runs.
 *
 * @example
 * const server = spawnManaged('/usr/bin/victoria-metrics', ['-httpListenAddr', '127.0.0.1:8428'], 'VictoriaMetrics');
 * await server.waitUntilReady(async () => (await fetch(`${url}/health`)).ok, 30_000);
 * await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findBinary } from './system-binary.js';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

export interface ManagedProcess {
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  /** Resolves once the process has exited (or failed to spawn). */
  readonly exited: Promise<Exit>;
  /** The last few KB of stdout and stderr, interleaved, for error messages. */
  output(): string;
  /** Polls `probe` until it returns true; throws with the output if the process exits or time runs out. */
  waitUntilReady(probe: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_TAIL = 8 * 1024;
const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: kill and delete now, there is no later.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

const OWNER_FILE = 'owner.pid';

const isAlive = (pid: number): boolean => {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A fresh temp dir `<tmp>/<prefix>XXXXXX`, deleted by `removeNow` or when the test process exits.
 * A SIGKILLed test process cannot delete its dirs, so each carries its owner's pid, and dirs
 * with the same prefix whose owner is gone are swept here, on the next start.
 */
export async function makeTempDir(prefix: string): Promise<string> {
  installExitHook();
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!name.startsWith(prefix)) continue;
    const owner = Number(await readFile(join(tmpdir(), name, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && !isAlive(owner)) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(dir);
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/** Deletes `dir` now and forgets it. */
export function removeNow(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

const setpriv = process.platform === 'linux' ? findBinary('setpriv') : null;

export function spawnManaged(binary: string, args: readonly string[], name: string): ManagedProcess {
  installExitHook();
  // setpriv execs the binary in place, so the pid we hold is the server's own.
  const [command, argv] = setpriv ? [setpriv, ['--pdeathsig', 'SIGKILL', '--', binary, ...args]] : [binary, [...args]];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let tail = '';
  // Always drain both pipes: a full pipe would block the server mid-write.
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      live.delete(child);
      resolve({ code: null, signal: null, error });
    });
    // 'close', not 'exit': it comes after the pipes are drained, so output() has the last words.
    child.once('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  let done: Exit | null = null;
  void exited.then((exit) => (done = exit));

  const describeExit = (exit: Exit): string =>
    exit.error ? `could not start (${exit.error.message})` : `exited (code ${exit.code}, signal ${exit.signal})`;

  const stop = async (graceMs = 10_000): Promise<void> => {
    if (done !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    pid: child.pid,
    child,
    exited,
    output: () => tail,
    stop,
    async waitUntilReady(probe, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (done !== null) throw new Error(`${name} ${describeExit(done)} before it was ready. Output:\n${tail}`);
        if (await probe().catch(() => false)) return;
        await sleep(100);
      }
      await stop();
      throw new Error(`${name} was not ready after ${timeoutMs} ms. Output:\n${tail}`);
    },
  };
}

/** True when a start-up failure was a port race (see free-port.ts), so starting again may work. */
export function isPortClash(error: unknown): boolean {
  return error instanceof Error && /address already in use|EADDRINUSE/i.test(error.message);
}
