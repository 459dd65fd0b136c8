/**
 * Small readings of a TrayState shared by the title, tooltip, icon and menu, so all four agree on
 * what "paused", "the busiest disk" and "the worst alert" mean.
 *
 * @example
 * busiestDisk({ 'fs.used_pct[/]': 40, 'fs.used_pct[/home]': 91 }) // { mount: '/home', value: 91 }
 */
import { parseSeriesKey } from '../../../shared/metrics.js';
import type { TrayAlert, TrayState } from './tray-state.js';

/**
 * Sampling that is not running (paused by the user, or stopped) is shown as paused: the values on
 * screen are stale either way.
 *
 * @example
 * isPaused({ ...state, sampling: 'paused' }) // true
 */
export function isPaused(state: Pick<TrayState, 'sampling'>): boolean {
  return state.sampling !== 'running';
}

/** A finite value for `key`, or undefined; NaN/Infinity from a broken collector count as missing. */
export function valueOf(values: Readonly<Record<string, number>>, key: string): number | undefined {
  const v = values[key];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * The fullest mount (`fs.used_pct[…]`), falling back to the machine-wide `disk.used_pct` without a mount.
 * Ties go to the mount that sorts first, so the choice does not flicker between equal disks.
 *
 * @example
 * busiestDisk({ 'disk.used_pct': 55 }) // { mount: undefined, value: 55 }
 */
export function busiestDisk(
  values: Readonly<Record<string, number>>,
): { mount: string | undefined; value: number } | undefined {
  let best: { mount: string; value: number } | undefined;
  for (const key of Object.keys(values).sort()) {
    const { metric, entity } = parseSeriesKey(key);
    const value = valueOf(values, key);
    if (metric !== 'fs.used_pct' || entity === undefined || value === undefined) continue;
    if (!best || value > best.value) best = { mount: entity, value };
  }
  if (best) return best;
  const all = valueOf(values, 'disk.used_pct');
  return all === undefined ? undefined : { mount: undefined, value: all };
}

const RANK = { critical: 2, warning: 1 } as const;

/** Orders by severity, most severe first; stable, so the engine's order breaks ties. */
export function bySeverity(alerts: readonly TrayAlert[]): TrayAlert[] {
  return [...alerts].sort((a, b) => (b.severity ? RANK[b.severity] : 0) - (a.severity ? RANK[a.severity] : 0));
}

/**
 * The worst severity firing; an alert without a severity still counts as a warning so it is not hidden.
 *
 * @example
 * worstAlert([{ ...alert, severity: 'critical' }]) // 'critical'
 */
export function worstAlert(alerts: readonly TrayAlert[]): 'none' | 'warning' | 'critical' {
  if (alerts.length === 0) return 'none';
  return alerts.some((a) => a.severity === 'critical') ? 'critical' : 'warning';
}
