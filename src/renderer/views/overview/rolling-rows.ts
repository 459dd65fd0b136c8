/**
 * The rolling-statistics table's rows: one per headline metric, one cell per window, formatted
 * in the metric's unit.
 *
 * @example
 * rollingRows(await client.rolling())[0] // { key: 'cpu.total', label: 'CPU', cells: [{ avg: '12.3 %', … }, …] }
 */
import type { RollingResult, RollingWindow, Summary } from '../../../shared/queries.js';
import { formatCount, formatValue } from '../../../shared/units.js';

export const ROLLING_METRICS: readonly { key: string; label: string }[] = [
  { key: 'cpu.total', label: 'CPU' },
  { key: 'mem.percent', label: 'Memory' },
  { key: 'swap.percent', label: 'Swap' },
  { key: 'load.1', label: 'Load (1 min)' },
  { key: 'net.rx', label: 'Network in' },
  { key: 'net.tx', label: 'Network out' },
  { key: 'disk.read', label: 'Disk read' },
  { key: 'disk.write', label: 'Disk write' },
];

export const ROLLING_WINDOWS: readonly { id: RollingWindow; label: string }[] = (
  ['1m', '5m', '15m', '60m'] as const
).map((id) => ({ id, label: `${parseInt(id, 10)} min` }));

export interface RollingCell {
  avg: string;
  /** `min–max`. */
  range: string;
  p95: string;
  /** Everything in words, for the cell's tooltip. */
  title: string;
}

export interface RollingRow {
  key: string;
  label: string;
  /** One per window in ROLLING_WINDOWS order; null when the window has no readings of the metric. */
  cells: (RollingCell | null)[];
}

export function rollingRows(result: RollingResult | null): RollingRow[] {
  return ROLLING_METRICS.map(({ key, label }) => ({
    key,
    label,
    cells: ROLLING_WINDOWS.map(({ id }) => {
      const summary = result?.windows[id]?.[key];
      return summary && summary.count > 0 ? rollingCell(key, summary) : null;
    }),
  }));
}

export function rollingCell(key: string, s: Summary): RollingCell {
  const f = (v: number) => formatValue(key, v);
  return {
    avg: f(s.avg),
    range: `${f(s.min)}–${f(s.max)}`,
    p95: f(s.p95),
    title: `average ${f(s.avg)}, min ${f(s.min)}, max ${f(s.max)}, p95 ${f(s.p95)}, ${formatCount(s.count)} readings`,
  };
}
