/**
 * What the Overview draws: the series of each card's sparkline and of each live chart. Kept as
 * constants so a chart's series array never changes identity (a new array re-creates the chart).
 *
 * @example
 * coreSignature({ ts: 1, values: { 'cpu.core[1]': 3, 'cpu.core[0]': 5 } }) // 'cpu.core[0]|cpu.core[1]'
 */
import { parseSeriesKey, type Unit } from '../../../shared/metrics.js';
import type { Sample } from '../../../shared/sample.js';
import type { ChartSeries } from '../../lib/charts/time-series-chart.js';

/** Sparklines show the last five minutes whatever the charts' window. */
export const SPARKLINE_MS = 5 * 60_000;

export const CPU_SERIES: readonly ChartSeries[] = [{ key: 'cpu.total', label: 'CPU busy' }];
export const MEMORY_SERIES: readonly ChartSeries[] = [
  { key: 'mem.percent', label: 'Memory used', color: 4 },
  { key: 'swap.percent', label: 'Swap used', color: 6 },
];
export const NETWORK_SERIES: readonly ChartSeries[] = [
  { key: 'net.rx', label: 'In', color: 2 },
  { key: 'net.tx', label: 'Out', color: 5 },
];
export const DISK_SERIES: readonly ChartSeries[] = [
  { key: 'disk.read', label: 'Read', color: 3 },
  { key: 'disk.write', label: 'Write', color: 1 },
];
/** The Overview's live charts: a title, what the canvas shows (its label), the series and the scale. */
export const LIVE_CHARTS: readonly {
  title: string;
  what: string;
  series: readonly ChartSeries[];
  unit: Unit;
  yMax?: number;
}[] = [
  { title: 'CPU', what: 'CPU busy', series: CPU_SERIES, unit: 'percent', yMax: 100 },
  { title: 'Memory and swap', what: 'Memory and swap used', series: MEMORY_SERIES, unit: 'percent', yMax: 100 },
  { title: 'Network', what: 'Network in and out', series: NETWORK_SERIES, unit: 'bytes_per_second' },
  { title: 'Disk I/O', what: 'Disk read and write', series: DISK_SERIES, unit: 'bytes_per_second' },
];

export const MEMORY_CARD_SERIES: readonly ChartSeries[] = [{ key: 'mem.percent', label: 'Memory used', color: 4 }];
export const TEMPERATURE_SERIES: readonly ChartSeries[] = [{ key: 'temp.cpu', label: 'CPU temperature', color: 1 }];
export const BATTERY_SERIES: readonly ChartSeries[] = [{ key: 'battery.percent', label: 'Battery', color: 2 }];

/**
 * The sample's per-core keys in core order, joined into one string: a string compares by value,
 * so a `$derived` of it changes only when the set of cores does, not on every tick.
 */
export function coreSignature(sample: Sample | null): string {
  if (!sample) return '';
  const cores: { key: string; n: number; entity: string }[] = [];
  for (const key in sample.values) {
    // Runs every tick over every series: test the prefix before parsing.
    if (!key.startsWith('cpu.core[')) continue;
    const { entity } = parseSeriesKey(key);
    if (entity !== undefined) cores.push({ key, n: Number(entity), entity });
  }
  cores.sort((a, b) => a.n - b.n || a.entity.localeCompare(b.entity));
  return cores.map((c) => c.key).join('|');
}

/** The chart series for a `coreSignature`. */
export function coreSeries(signature: string): ChartSeries[] {
  if (!signature) return [];
  return signature.split('|').map((key) => ({ key, label: `Core ${parseSeriesKey(key).entity}` }));
}

/** "CPU busy, last 15 minutes". */
export function windowLabel(what: string, minutes: number): string {
  return `${what}, last ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
