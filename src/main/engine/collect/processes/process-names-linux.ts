/**
 * Better names than comm for the few processes that made the top lists. comm is the main thread's
 * name: the executable's at exec, cut to 15 bytes, and some programs rename it (Node 24 calls every
 * process "MainThread", Firefox content processes "Isolated Web Co"). cmdline says more, but it is
 * read only for the winners and under a timeout: reading it takes the target's mm lock, which a
 * stuck process can hold forever (the classic hanging `ps`).
 *
 * @example
 * const top = await withCommandNames(rankTop(list, 5, Date.now())); // 'MainThread' -> 'node'
 */
import { join } from 'node:path';
import type { ProcessInfo, TopProcesses } from '../../../../shared/alerts.js';
import { readProcOnce } from '../linux/read-proc.js';

const NAME_TIMEOUT_MS = 250;
/** The kernel keeps 15 bytes of comm (TASK_COMM_LEN 16 with the NUL). */
const COMM_BYTES = 15;
/** cmdline is whatever the process wrote there (process.title); keep names readable. */
const MAX_NAME = 64;

/**
 * The name to show, from comm and the raw cmdline (NUL-separated; '' or undefined when absent).
 *
 * @example
 * nameFromCmdline('MainThread', 'node\0server.js\0') // 'node'
 * nameFromCmdline('gnome-shell-cal', '/usr/libexec/gnome-shell-calendar-server\0') // 'gnome-shell-calendar-server'
 * nameFromCmdline('sshd', 'sshd: ann@pts/0\0') // 'sshd'
 */
export function nameFromCmdline(comm: string, cmdline: string | undefined): string {
  const args = (cmdline ?? '').split('\0');
  const argv0 = args[0] ?? '';
  // Kernel threads and zombies have no cmdline; comm is all there is.
  if (argv0 === '') return comm;
  const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
  // comm matching argv[0] (a plain exec, maybe a rewritten title like "sshd: ann") or argv[1] (a
  // script run by its #! interpreter) is the program's own name: keep it, uncut if the kernel cut it.
  for (const arg of args.slice(0, 2)) {
    const name = base(arg.split(' ')[0] ?? '');
    if (name.startsWith(comm)) return Buffer.byteLength(comm) >= COMM_BYTES ? name.slice(0, MAX_NAME) : comm;
  }
  // A title the program set whose start is comm (`npm exec vitest run …`): its first word.
  if (argv0.includes(' ') && argv0.startsWith(comm)) return argv0.split(' ')[0]!;
  // Otherwise the main thread was renamed, and argv[0] (or a title the program set) names it.
  const title = argv0.split(' -')[0]!.trim();
  const isPath = title.startsWith('/') || title.startsWith('.') || (title.includes('/') && !title.includes(' '));
  return (isPath ? base(title) : title).slice(0, MAX_NAME) || comm;
}

/**
 * `top` with each listed process renamed via its cmdline. Whatever is not read within the timeout
 * keeps its comm, so this always resolves.
 *
 * @example
 * const named = await withCommandNames(top, '/proc');
 */
export async function withCommandNames(
  top: TopProcesses,
  procRoot = '/proc',
  timeoutMs = NAME_TIMEOUT_MS,
): Promise<TopProcesses> {
  const listed = new Map([...top.byCpu, ...top.byMemory].map((p) => [p.pid, p.name]));
  const names = new Map<number, string>();
  const lookup = (async () => {
    const buffer = Buffer.allocUnsafe(4096); // argv[0] and argv[1] are all we need
    for (const [pid, comm] of listed) {
      names.set(pid, nameFromCmdline(comm, await readProcOnce(join(procRoot, String(pid), 'cmdline'), buffer)));
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([lookup, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  const rename = (p: ProcessInfo): ProcessInfo => ({ ...p, name: names.get(p.pid) ?? p.name });
  return { ...top, byCpu: top.byCpu.map(rename), byMemory: top.byMemory.map(rename) };
}
