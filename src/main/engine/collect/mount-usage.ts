/**
 * Filesystem usage values from per-mount sizes, shared by the Linux (statfs) and portable
 * (si.fsSize) mounts collectors.
 *
 * - Percentages follow df: used / (used + available to unprivileged users), so the root-reserved
 *   blocks count as not available, and 100 % means "a normal user cannot write".
 * - A device mounted twice (bind mounts, btrfs subvolumes of one volume) is counted once, under its
 *   shortest mount point.
 * - `disk.used_pct` sums over mounts, but volumes that share one pool (APFS volumes in a container,
 *   which all report the same size and free space) contribute their free space only once.
 *
 * @example
 * mountValues([{ mount: '/', source: '/dev/sda2', size: 100, used: 40, available: 60 }])
 * // { 'fs.used[/]': 40, 'fs.size[/]': 100, 'fs.used_pct[/]': 40, 'disk.used_pct': 40 }
 */
import { seriesKey } from '../../../shared/metrics.js';
import { collate } from '../../../shared/text-collation.js';
import type { Values } from './types.js';

export interface MountUsage {
  readonly mount: string;
  /** The device or source, used to count a filesystem mounted twice only once. */
  readonly source: string;
  readonly size: number;
  readonly used: number;
  readonly available: number;
}

/** Keeps one mount per source (the shortest mount point) and drops empty or invalid ones. */
export function dedupeMounts(mounts: readonly MountUsage[]): MountUsage[] {
  const bySource = new Map<string, MountUsage>();
  const result: MountUsage[] = [];
  for (const mount of mounts) {
    if (![mount.size, mount.used, mount.available].every((n) => Number.isFinite(n) && n >= 0) || mount.size <= 0)
      continue;
    if (mount.source === '') {
      result.push(mount);
      continue;
    }
    const kept = bySource.get(mount.source);
    if (!kept || mount.mount.length < kept.mount.length) bySource.set(mount.source, mount);
  }
  return [...result, ...bySource.values()].sort((a, b) => collate(a.mount, b.mount));
}

function percent(used: number, available: number): number | undefined {
  const capacity = used + available;
  return capacity > 0 ? (used * 100) / capacity : undefined;
}

export function mountValues(mounts: readonly MountUsage[]): Values {
  const values: Values = {};
  const pools = new Map<string, { used: number; available: number }>();
  for (const m of dedupeMounts(mounts)) {
    values[seriesKey('fs.used', m.mount)] = m.used;
    values[seriesKey('fs.size', m.mount)] = m.size;
    const pct = percent(m.used, m.available);
    if (pct !== undefined) values[seriesKey('fs.used_pct', m.mount)] = pct;
    const poolKey = `${m.size}:${m.available}`;
    const pool = pools.get(poolKey);
    if (pool) pool.used += m.used;
    else pools.set(poolKey, { used: m.used, available: m.available });
  }
  let used = 0;
  let available = 0;
  for (const pool of pools.values()) {
    used += pool.used;
    available += pool.available;
  }
  const aggregate = pools.size > 0 ? percent(used, available) : undefined;
  if (aggregate !== undefined) values['disk.used_pct'] = aggregate;
  return values;
}
