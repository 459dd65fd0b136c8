/**
 * Static facts read once at start: host, OS, CPU model and count, total memory.
 * On Linux the distro comes from /etc/os-release (si.osInfo() would spawn a shell for the same
 * file); elsewhere from si.osInfo() (sw_vers on macOS, PowerShell on Windows), which is fine once.
 *
 * @example
 * await readInventory()
 * // { hostname: 'box', os: { platform: 'linux', release: '6.8.0', distro: 'Debian GNU/Linux 13 (trixie)', arch: 'x64' },
 * //   cpu: { model: 'AMD Ryzen 7 7840U', cores: 16 }, memTotalBytes: 33554432000 }
 */
import { arch, cpus, hostname, release, totalmem } from 'node:os';
import type { Inventory } from '../../../shared/sample.js';
import { parseOsRelease } from './linux/parse-os-release.js';
import { readProcText } from './linux/read-proc.js';
import { loadSi } from './si.js';

export interface InventoryOptions {
  readonly platform?: NodeJS.Platform;
  /** Filesystem root for os-release on Linux; tests point this at a temporary folder. */
  readonly rootDir?: string;
  /** Injected in tests; defaults to si.osInfo (not used on Linux). */
  readonly osInfo?: () => Promise<{ readonly distro: string; readonly release: string }>;
}

async function linuxDistro(rootDir: string): Promise<string | undefined> {
  const text = (await readProcText(rootDir, 'etc/os-release')) ?? (await readProcText(rootDir, 'usr/lib/os-release'));
  if (text === undefined) return undefined;
  const fields = parseOsRelease(text);
  return (
    fields.get('PRETTY_NAME') || [fields.get('NAME'), fields.get('VERSION')].filter(Boolean).join(' ') || undefined
  );
}

async function otherDistro(options: InventoryOptions): Promise<string | undefined> {
  try {
    const info = await (options.osInfo ?? (async () => (await loadSi()).osInfo()))();
    const text = [info.distro, info.release]
      .filter((s) => s.trim() !== '')
      .join(' ')
      .trim();
    return text === '' ? undefined : text;
  } catch {
    // The distro is a nicety; the inventory must not fail because a shell was unavailable.
    return undefined;
  }
}

export async function readInventory(options: InventoryOptions = {}): Promise<Inventory> {
  const platform = options.platform ?? process.platform;
  const distro =
    platform === 'linux' || platform === 'android'
      ? await linuxDistro(options.rootDir ?? '/')
      : await otherDistro(options);
  const cpuList = cpus();
  return {
    hostname: hostname(),
    os: { platform, release: release(), arch: arch(), ...(distro === undefined ? {} : { distro }) },
    cpu: { model: cpuList[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown', cores: cpuList.length },
    memTotalBytes: totalmem(),
  };
}
