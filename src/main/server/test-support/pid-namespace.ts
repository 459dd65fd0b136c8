/**
 * Processes in a PID namespace of their own, with its own /proc (`unshare --pid --fork
 * --mount-proc`), seen from outside through /proc/<pid>/root/proc. Pointing an engine's
 * DASHLIGHT_PROCFS there (node_exporter's --path.procfs, the other way round) makes its process
 * table hold only what the test started, so "the busiest app" is decided by the test's children
 * and not by whatever else the machine runs, however loaded it is.
 *
 * @example
 * const ns = await startPidNamespace({ 'busy-1': 'for (;;) {}', 'idle-1': 'setInterval(() => {}, 1000)' });
 * spawn(cli, ['run'], { env: { DASHLIGHT_PROCFS: ns.procRoot } });
 * await ns.stop();
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PidNamespace {
  /** procfs of the namespace, readable from outside. */
  readonly procRoot: string;
  stop(): Promise<void>;
}

/** Null when this machine can make one; else why not (not root, no unshare). */
export function pidNamespaceMissing(): string | null {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not available (${probe.error.message}): apt-get install util-linux`;
  if (probe.status !== 0) return `unshare --pid --mount-proc needs root (CAP_SYS_ADMIN): ${probe.stderr.trim()}`;
  return null;
}

/** The pid (outside) of the namespace's first process: unshare's child. */
function childOf(parent: number): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) return Number(name);
    } catch {
      // Gone meanwhile.
    }
  }
  return null;
}

/**
 * Starts one Node program per entry, each run through a link named after its key, so its app is
 * that name (what comm and argv[0] say), not "node".
 */
export async function startPidNamespace(programs: Readonly<Record<string, string>>): Promise<PidNamespace> {
  const bin = mkdtempSync(join(tmpdir(), 'dashlight-ns-'));
  const script = Object.entries(programs)
    .map(([name, code]) => {
      symlinkSync(process.execPath, join(bin, name));
      return `${JSON.stringify(join(bin, name))} -e ${JSON.stringify(code)} &`;
    })
    .join('\n');
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child', 'sh', '-c', `${script}\nwait`], {
    stdio: 'ignore',
  });
  // Killing unshare (--kill-child) ends the namespace and all in it: also when the test process ends early.
  const end = () => child.kill('SIGKILL');
  process.once('exit', end);
  let init: number | null = null;
  for (let i = 0; i < 200 && init === null; i++) {
    init = childOf(child.pid!);
    if (init === null) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (init === null) throw new Error('the PID namespace did not start');
  const procRoot = `/proc/${init}/root/proc`;
  // Until every program is running inside.
  for (let i = 0; i < 400; i++) {
    const pids = readdirSync(procRoot).filter((n) => /^\d+$/.test(n));
    if (pids.length >= Object.keys(programs).length + 1) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    procRoot,
    async stop() {
      process.off('exit', end);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(bin, { recursive: true, force: true });
    },
  };
}
