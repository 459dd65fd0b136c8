/**
 * Which series the History view offers and how it charts them: picker groups (CPU, Memory, …)
 * built from the catalogue plus the entity keys seen on this machine, and the selection split
 * into one chart per unit.
 *
 * @example
 * metricGroups(['cpu.core[0]', 'net.rx[eth0]'], ['cpu.total'])[0].options.at(-1) // { key: 'cpu.core[0]', label: 'CPU core 0 busy' }
 * unitGroups(['cpu.total', 'net.rx']) // [{ unit: 'percent', … }, { unit: 'bytes_per_second', … }]
 */
import { isKnownSeries, metricInfo, parseSeriesKey, type Unit } from '../../../shared/metrics.js';
import type { ChartSeries } from '../../lib/charts/time-series-chart.js';

export const DEFAULT_SERIES: readonly string[] = ['cpu.total', 'mem.percent', 'net.rx', 'net.tx'];

export interface MetricOption {
  readonly key: string;
  readonly label: string;
}

export interface MetricGroup {
  readonly id: string;
  readonly title: string;
  readonly options: readonly MetricOption[];
}

interface GroupSpec {
  id: string;
  title: string;
  /** Always offered. */
  fixed: readonly string[];
  /** Offered when this machine reports them (a battery, a temperature sensor). */
  ifSeen?: readonly string[];
  /** Per-entity metrics, one option per entity seen, in this order per entity. */
  perEntity?: readonly string[];
}

const GROUPS: readonly GroupSpec[] = [
  { id: 'cpu', title: 'CPU', fixed: ['cpu.total', 'cpu.user', 'cpu.system', 'cpu.iowait'], perEntity: ['cpu.core'] },
  { id: 'memory', title: 'Memory', fixed: ['mem.percent', 'swap.percent'] },
  { id: 'load', title: 'Load', fixed: ['load.1', 'load.5', 'load.15'] },
  {
    id: 'network',
    title: 'Network',
    fixed: ['net.rx', 'net.tx'],
    ifSeen: ['net.rx_virtual', 'net.tx_virtual'],
    perEntity: ['net.rx', 'net.tx'],
  },
  { id: 'disk-io', title: 'Disk I/O', fixed: ['disk.read', 'disk.write'], perEntity: ['disk.read', 'disk.write'] },
  { id: 'filesystems', title: 'Filesystems', fixed: ['disk.used_pct'], perEntity: ['fs.used_pct'] },
  { id: 'temperature', title: 'Temperature', fixed: [], ifSeen: ['temp.cpu'] },
  { id: 'battery', title: 'Battery', fixed: [], ifSeen: ['battery.percent'] },
  { id: 'gpu', title: 'GPU', fixed: [], perEntity: ['gpu.util', 'gpu.mem_used'] },
];

/** A series' name for people: the catalogue label, with the entity where there is one. */
export function seriesLabel(key: string): string {
  const info = metricInfo(key);
  const { metric, entity } = parseSeriesKey(key);
  if (!info) return key;
  if (entity === undefined) return info.label;
  if (metric === 'cpu.core') return `CPU core ${entity} busy`;
  return `${info.label} (${entity})`;
}

/** Numbers in entity names sort as numbers: core 2 before core 10. */
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * The picker's groups. `seen` is every series key this machine has reported; `selected` keys are
 * always offered (so a remembered or linked series can be unticked), in an "Other" group when no
 * group claims them. Groups with nothing to offer are left out.
 */
export function metricGroups(seen: Iterable<string>, selected: readonly string[]): MetricGroup[] {
  const known = new Set<string>();
  for (const key of seen) if (isKnownSeries(key)) known.add(key);
  for (const key of selected) known.add(key);
  const claimed = new Set<string>();
  const groups: MetricGroup[] = [];
  for (const spec of GROUPS) {
    const keys = [...spec.fixed, ...(spec.ifSeen ?? []).filter((key) => known.has(key))];
    if (spec.perEntity) {
      const entities = new Set<string>();
      for (const key of known) {
        const { metric, entity } = parseSeriesKey(key);
        if (entity !== undefined && spec.perEntity.includes(metric)) entities.add(entity);
      }
      for (const entity of [...entities].sort(collator.compare)) {
        for (const metric of spec.perEntity) {
          const key = `${metric}[${entity}]`;
          if (known.has(key)) keys.push(key);
        }
      }
    }
    for (const key of keys) claimed.add(key);
    if (keys.length > 0) groups.push({ id: spec.id, title: spec.title, options: keys.map(option) });
  }
  const other = selected.filter((key) => !claimed.has(key));
  if (other.length > 0) groups.push({ id: 'other', title: 'Other', options: other.map(option) });
  return groups;
}

/**
 * The groups narrowed to the options matching every word of `query` (case-insensitive, in the
 * option's label, its key or its group's title): "eth0 in", "core 1", "/home". Groups left empty
 * are dropped; an empty query keeps everything.
 *
 * @example
 * filterGroups(metricGroups(seen, selected), 'net eth0') // [{ id: 'network', options: [eth0 in, eth0 out] }]
 */
export function filterGroups(groups: readonly MetricGroup[], query: string): MetricGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const out: MetricGroup[] = [];
  for (const group of groups) {
    const options = group.options.filter((o) => {
      const text = `${o.label} ${o.key} ${group.title}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
    if (options.length > 0) out.push({ ...group, options });
  }
  return out;
}

function option(key: string): MetricOption {
  return { key, label: seriesLabel(key) };
}

const UNIT_ORDER: readonly Unit[] = [
  'percent',
  'load',
  'bytes_per_second',
  'bytes',
  'celsius',
  'seconds',
  'boolean',
  'watts',
  'watt_hours',
  'hertz',
  'rpm',
  'count',
];

const UNIT_TITLES: Record<Unit, string> = {
  percent: 'Percent',
  load: 'Load',
  bytes_per_second: 'Bytes per second',
  bytes: 'Bytes',
  celsius: 'Celsius',
  seconds: 'Duration',
  boolean: 'Yes or no',
  watts: 'Watts',
  watt_hours: 'Watt-hours',
  hertz: 'Frequency',
  rpm: 'Fan speed',
  count: 'Count',
};

/** One chart's worth of series: all share a unit, hence an axis. */
export interface UnitGroup {
  readonly unit: Unit;
  readonly title: string;
  readonly series: readonly ChartSeries[];
}

/** The selection split by unit, in a fixed unit order; each series keeps its selection order. */
export function unitGroups(selected: readonly string[]): UnitGroup[] {
  const byUnit = new Map<Unit, ChartSeries[]>();
  for (const key of selected) {
    const unit = metricInfo(key)?.unit;
    if (!unit) continue;
    let list = byUnit.get(unit);
    if (!list) byUnit.set(unit, (list = []));
    if (!list.some((s) => s.key === key)) list.push({ key, label: seriesLabel(key) });
  }
  return UNIT_ORDER.filter((unit) => byUnit.has(unit)).map((unit) => ({
    unit,
    title: UNIT_TITLES[unit],
    series: byUnit.get(unit)!,
  }));
}
