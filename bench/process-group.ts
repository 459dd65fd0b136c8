/**
 * Long-running processes for benchmarks, each in its own process group so that it and everything
 * it spawns can be stopped together. Every group started here is stopped on normal exit, on an
 * exception, and on SIGINT/SIGTERM of the benchmark itself.
 *
 * @example
 * const engine = startGroup('engine', process.execPath, ['bin/dashlight.js', 'run']);
 * await engine.waitFor(/sampling every/, 15_000);
 * await engine.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How a process ended: an exit code, a signal, or a spawn error (e.g. ENOENT). */
export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/** A process started in its own group. */
export interface Group {
  readonly name: string;
  readonly pid: number;
  /** performance.now() when it was spawned. */
  readonly spawnedAt: number;
  /** Resolves once the process has ended (never rejects). */
  readonly ended: Promise<Ended>;
  /** The last ~64 kB of stdout and stderr, interleaved. */
  output(): string;
  /** Set once the process has ended. */
  endedWith(): Ended | null;
  /** Resolves when the output matches; rejects if the process ends first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once the leader has ended. */
  stop(graceMs?: number): Promise<Ended>;
}

const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<Group>();
let handlersInstalled = false;

/** Signals a whole group, ignoring "no such process". */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has already gone
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last resort: nothing asynchronous can run in 'exit', so kill outright.
  process.on('exit', () => {
    for (const group of live) killGroup(group.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal} received, stopping ${live.size} process group(s)…\n`);
      void stopAllGroups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Stops every group still running (used on the way out). */
export async function stopAllGroups(graceMs = 5000): Promise<void> {
  await Promise.all([...live].map((group) => group.stop(graceMs)));
}

/** Spawns `command` as the leader of a new process group, capturing its output. */
export function startGroup(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Group {
  installHandlers();
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  let result: Ended | null = null;
  const ended = new Promise<Ended>((resolve) => {
    const finish = (value: Ended) => {
      if (result) return;
      result = value;
      live.delete(group);
      for (const wake of waiters) wake();
      resolve(value);
    };
    child.once('error', (error) => finish({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => finish({ code, signal }));
  });

  const group: Group = {
    name,
    pid: child.pid ?? -1,
    spawnedAt,
    ended,
    output: () => text,
    endedWith: () => result,
    waitFor(pattern, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => done(new Error(`${name}: no output matching ${pattern} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const done = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (pattern.test(text)) done();
          else if (result) done(new Error(`${name} ended (${describeEnd(result)}) before printing ${pattern}`));
        };
        waiters.add(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      if (group.pid > 0 && !result) {
        killGroup(group.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(group.pid, 'SIGKILL'), graceMs);
        await ended;
        clearTimeout(timer);
      }
      // The leader may be gone while children it spawned linger in the group.
      if (group.pid > 0) killGroup(group.pid, 'SIGKILL');
      return ended;
    },
  };
  if (child.pid !== undefined) live.add(group);
  return group;
}

/** "exit code 1", "signal SIGTERM" or the spawn error. */
export function describeEnd(end: Ended): string {
  if (end.error) return end.error.message;
  return end.signal ? `signal ${end.signal}` : `exit code ${end.code}`;
}

/** The absolute path of an executable found on PATH, or null. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** The last `lines` lines of some output, indented, for error messages. */
export function tail(text: string, lines = 8): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}
