/**
 * Lazy access to systeminformation. Loading it costs memory, and its calls spawn processes on
 * most OSes, so the Linux hot set never loads it; only slow or non-Linux collectors do, on first use.
 *
 * @example
 * const si = await loadSi();
 * const battery = await si.battery();
 */
export type SiModule = (typeof import('systeminformation'))['default'];
export type { Systeminformation } from 'systeminformation';

let loading: Promise<SiModule> | undefined;

export function loadSi(): Promise<SiModule> {
  // The CommonJS module object is the default export under ESM.
  loading ??= import('systeminformation').then((mod) => mod.default);
  return loading;
}
