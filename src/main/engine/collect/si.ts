/**
 * Lazy access to systeminformation. Loading it costs memory, and its calls spawn processes on
 * most OSes, so the Linux hot set never loads it; only slow or non-Linux collectors do, on first use.
 *
 * @example
 * const si = await loadSi();
 * const battery = await si.battery();
 */
import type * as SiNamespace from 'systeminformation';

/** The CommonJS module object, which ESM sees as the default export. */
export type SiModule = (typeof SiNamespace)['default'];
export type { Systeminformation } from 'systeminformation';

let loading: Promise<SiModule> | undefined;

export function loadSi(): Promise<SiModule> {
  loading ??= import('systeminformation').then((mod) => mod.default);
  return loading;
}

/**
 * On Windows systeminformation starts PowerShell for each call; holding one shell open for the
 * engine's lifetime turns a spawn per tick into none. Elsewhere this does nothing.
 *
 * @example
 * const release = await holdPowerShell(); ...; release();
 */
export async function holdPowerShell(platform: NodeJS.Platform = process.platform): Promise<() => void> {
  if (platform !== 'win32') return () => {};
  const si = await loadSi();
  si.powerShellStart();
  return () => si.powerShellRelease();
}
