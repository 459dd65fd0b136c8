/**
 * How Dashlight's series are named on `/metrics`: one Prometheus family per quantity, in base units
 * with the unit in the name (bytes, seconds, celsius; percentages stated as `_percent`, as Dashlight
 * stores them), counters ending in `_total`, and the entity of a per-entity series as a label
 * (`core`, `interface`, `device`, `mountpoint`, `gpu`). Machine-wide sums (`net.rx`, `disk.read`)
 * get families of their own, so `sum()` over a per-entity family never counts a total twice.
 *
 * `nodeExporter` says which node_exporter metric measures the same thing, for the README's table.
 * A catalogue metric missing here still appears, under a name made from its key and unit
 * (`fallbackFamily`), so a new collector never goes unexported.
 *
 * @example
 * familyOf('net.rx[eth0]') // { family: { name: 'dashlight_network_interface_receive_bytes_per_second', … }, labels: { interface: 'eth0' } }
 * familyOf('cpu.user') // { family: { name: 'dashlight_cpu_mode_percent', … }, labels: { mode: 'user' } }
 */
import { metricInfo, parseSeriesKey, type MetricInfo, type Unit } from '../../../shared/metrics.js';
import { MAPPINGS } from './family-table.js';

export { APP_FAMILIES } from './app-families.js';
export { SELF_FAMILIES } from './family-table.js';

export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  /** node_exporter's metric (or expression) for the same quantity, where it has one. */
  readonly nodeExporter: string | null;
}

/** Where one series goes: its family and its labels. */
export interface Placement {
  readonly family: Family;
  readonly labels: Readonly<Record<string, string>>;
}

/** The unit as a name suffix, for metrics without a mapping. */
const UNIT_SUFFIX: Readonly<Record<Unit, string>> = {
  percent: '_percent',
  bytes: '_bytes',
  bytes_per_second: '_bytes_per_second',
  celsius: '_celsius',
  seconds: '_seconds',
  load: '',
  boolean: '',
  watts: '_watts',
  // Prometheus prefers joules; the value stays in watt-hours, so the name says watt-hours.
  watt_hours: '_watt_hours',
  hertz: '_hertz',
  rpm: '_rpm',
  count: '',
};

/**
 * A family for a catalogue metric without a mapping: its key with `_` for anything else, then its
 * unit, then `_total` for a counter; the entity as the `entity` label.
 *
 * @example
 * fallbackFamily('fan.speed', { unit: 'load', … }) // { name: 'dashlight_fan_speed', … }
 */
export function fallbackFamily(metric: string, info: MetricInfo): Family {
  const base = `dashlight_${metric.replace(/[^a-zA-Z0-9]+/g, '_')}`;
  const suffix = UNIT_SUFFIX[info.unit];
  const name = `${base.endsWith(suffix) ? base : base + suffix}${info.counter ? '_total' : ''}`;
  return { name, help: `${info.label}.`, type: info.counter ? 'counter' : 'gauge', nodeExporter: null };
}

const fallbacks = new Map<string, Family>();

/** Where a series goes on `/metrics`, or null for a key the catalogue does not know. */
export function familyOf(key: string): Placement | null {
  const { metric, entity } = parseSeriesKey(key);
  const mapping = MAPPINGS[metric];
  if (mapping) {
    if (entity === undefined)
      return mapping.whole ? { family: mapping.whole.family, labels: mapping.whole.labels ?? {} } : null;
    return mapping.each ? { family: mapping.each.family, labels: { [mapping.each.label]: entity } } : null;
  }
  const info = metricInfo(key);
  if (!info) return null;
  let family = fallbacks.get(metric);
  if (!family) {
    family = fallbackFamily(metric, info);
    fallbacks.set(metric, family);
  }
  return { family, labels: entity === undefined ? {} : { entity } };
}

/** Every mapped family, in the catalogue's order, each once: the README's table. */
export function mappedFamilies(): Family[] {
  const seen = new Map<string, Family>();
  for (const mapping of Object.values(MAPPINGS)) {
    for (const family of [mapping.whole?.family, mapping.each?.family]) {
      if (family && !seen.has(family.name)) seen.set(family.name, family);
    }
  }
  return [...seen.values()];
}
