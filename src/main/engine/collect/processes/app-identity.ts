/**
 * Which app a process belongs to: the unit people think in when they ask "who was busy". On Linux
 * a container or a systemd system service (from /proc/<pid>/cgroup) groups everything it runs;
 * other processes group by executable name, kernel threads by their name without the CPU suffix.
 * On macOS the outermost `.app` bundle on the executable's path names the app; on Windows the exe.
 *
 * @example
 * appFromCgroup('0::/system.slice/nginx.service\n') // { kind: 'unit', name: 'nginx.service' }
 * appFromPath('/Applications/Safari.app/Contents/MacOS/Safari', 'Safari', 'darwin') // { kind: 'bundle', name: 'Safari' }
 */
import type { AppKind } from '../../../../shared/processes.js';

export interface AppIdentity {
  readonly kind: AppKind;
  readonly name: string;
}

/** A container's id in its cgroup path: Docker, containerd/CRI-O (Kubernetes), Podman. */
const CONTAINER_SCOPE = /(?:docker|cri-containerd|crio|libpod)-([0-9a-f]{12,64})\.scope(?:\/|$)/;
/** cgroupfs-driver layouts: /docker/<id>, /kubepods/burstable/pod<uid>/<id>. */
const CONTAINER_DIR = /\/(?:docker|kubepods(?:\/[^/]+)*)\/([0-9a-f]{64})(?:\/|$)/;
/** LXC/Incus payloads and systemd-nspawn machines, which have names rather than ids. */
const NAMED_CONTAINER = /^\/(?:lxc(?:\.payload)?[./]([^/]+)|machine\.slice\/machine-([^/]+)\.scope)/;

/** systemd escapes unit names (`\x2d` for '-'); people read the plain form. */
function unescapeUnit(name: string): string {
  return name.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The cgroup path this process is accounted under: cgroup v2's, else systemd's v1 hierarchy. */
export function cgroupPath(text: string): string | undefined {
  let fallback: string | undefined;
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const path = line.slice(second + 1);
    if (line.startsWith('0::')) return path;
    if (line.slice(first + 1, second) === 'name=systemd') fallback = path;
    fallback ??= path;
  }
  return fallback;
}

/**
 * The container or system service a process runs in, from the text of /proc/<pid>/cgroup; null
 * when it is neither (a user session, a desktop app: those group by executable).
 */
export function appFromCgroup(text: string | undefined): AppIdentity | null {
  const path = text === undefined ? undefined : cgroupPath(text);
  if (!path || path === '/') return null;
  const id = CONTAINER_SCOPE.exec(path)?.[1] ?? CONTAINER_DIR.exec(path)?.[1];
  if (id) return { kind: 'container', name: id.slice(0, 12) };
  const named = NAMED_CONTAINER.exec(path);
  if (named) return { kind: 'container', name: unescapeUnit(named[1] ?? named[2]!) };
  // System services only: a user's session and apps (user.slice) read better by executable.
  if (!path.startsWith('/system.slice/')) return null;
  const service = path
    .split('/')
    .reverse()
    .find((part) => part.endsWith('.service'));
  return service ? { kind: 'unit', name: unescapeUnit(service) } : null;
}

/** Kernel threads (children of kthreadd, pid 2): `kworker/3:1H` is `kworker`. */
export function kernelApp(comm: string): AppIdentity {
  const slash = comm.indexOf('/');
  return { kind: 'kernel', name: slash > 0 ? comm.slice(0, slash) : comm };
}

/** PF_KTHREAD in /proc/<pid>/stat's flags (include/linux/sched.h). */
const PF_KTHREAD = 0x0020_0000;

/**
 * True for kernel threads, which have no user space (no cmdline, no memory of their own). By the
 * kernel's flag, not by pid: inside a PID namespace pid 2 is an ordinary process.
 */
export function isKernelThread(flags: number): boolean {
  return (flags & PF_KTHREAD) !== 0;
}

/**
 * The app of a process from its executable path off Linux: the outermost `.app` bundle on macOS
 * (Chrome's helpers live inside Google Chrome.app), else the executable's own name.
 */
export function appFromPath(path: string, name: string, platform: NodeJS.Platform): AppIdentity {
  if (platform === 'darwin') {
    const bundle = /\/([^/]+)\.app(?:\/|$)/.exec(path);
    if (bundle) return { kind: 'bundle', name: bundle[1]! };
  }
  const base = path.split(/[\\/]/).pop() || name;
  return { kind: 'exe', name: base || name || '?' };
}

/** One string per app, for maps and the catalogue. */
export function appKey(app: AppIdentity): string {
  return `${app.kind}:${app.name}`;
}
