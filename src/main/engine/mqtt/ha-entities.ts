/**
 * What each Dashlight series is in Home Assistant: a `sensor` (or, for a yes/no series, a
 * `binary_sensor`) with the device class, unit and state class Home Assistant documents for that
 * quantity, so its history, statistics and unit conversion work: bytes are `data_size` in `B`,
 * byte rates `data_rate` in `B/s`, temperatures `temperature` in `°C`, the battery `battery` in
 * `%`. Counters (bytes since boot) are `total_increasing`, everything else `measurement`.
 *
 * The series a user chose (`mqtt.series`) may name a per-entity metric without an entity
 * (`fs.used_pct`): that chooses every entity of it the engine has seen.
 *
 * @example
 * haEntity('fs.used_pct[/home]') // { objectId: 'fs_used_pct_home', name: 'Filesystem used /home', component: 'sensor', unit: '%', … }
 * selects('fs.used_pct', 'fs.used_pct[/home]') // true
 */
import { metricInfo, parseSeriesKey, type Unit } from '../../../shared/metrics.js';
import { slug } from './mqtt-topics.js';

export interface HaEntity {
  /** The series key it shows. */
  readonly key: string;
  /** Its id in topics, unique ids and the state message's keys. */
  readonly objectId: string;
  readonly name: string;
  readonly component: 'sensor' | 'binary_sensor';
  readonly deviceClass: string | null;
  readonly unit: string | null;
  readonly stateClass: 'measurement' | 'total_increasing' | null;
  readonly precision: number | null;
  /** An icon where the device class gives none. */
  readonly icon: string | null;
}

type Shape = Pick<HaEntity, 'component' | 'deviceClass' | 'unit' | 'precision'>;

const BY_UNIT: Readonly<Record<Unit, Shape>> = {
  percent: { component: 'sensor', deviceClass: null, unit: '%', precision: 1 },
  bytes: { component: 'sensor', deviceClass: 'data_size', unit: 'B', precision: 0 },
  bytes_per_second: { component: 'sensor', deviceClass: 'data_rate', unit: 'B/s', precision: 0 },
  celsius: { component: 'sensor', deviceClass: 'temperature', unit: '°C', precision: 1 },
  seconds: { component: 'sensor', deviceClass: 'duration', unit: 's', precision: 0 },
  load: { component: 'sensor', deviceClass: null, unit: null, precision: 2 },
  boolean: { component: 'binary_sensor', deviceClass: null, unit: null, precision: null },
  watts: { component: 'sensor', deviceClass: 'power', unit: 'W', precision: 1 },
  watt_hours: { component: 'sensor', deviceClass: 'energy', unit: 'Wh', precision: 1 },
  hertz: { component: 'sensor', deviceClass: 'frequency', unit: 'Hz', precision: 0 },
  rpm: { component: 'sensor', deviceClass: null, unit: 'rpm', precision: 0 },
  count: { component: 'sensor', deviceClass: null, unit: null, precision: 0 },
};

/** Where the unit alone does not say it: the battery's own device classes. */
const BY_METRIC: Readonly<Record<string, Partial<Shape>>> = {
  'battery.percent': { deviceClass: 'battery' },
  'battery.charging': { deviceClass: 'battery_charging' },
};

/** Icons by family, for sensors whose device class has none. */
const ICONS: Readonly<Record<string, string>> = {
  cpu: 'mdi:cpu-64-bit',
  load: 'mdi:gauge',
  mem: 'mdi:memory',
  swap: 'mdi:swap-horizontal',
  fs: 'mdi:harddisk',
  disk: 'mdi:harddisk',
  gpu: 'mdi:expansion-card',
};

/** The entity for a series key, or null for a key the catalogue does not know. */
export function haEntity(key: string): HaEntity | null {
  const info = metricInfo(key);
  if (!info) return null;
  const { metric, entity } = parseSeriesKey(key);
  const shape = { ...BY_UNIT[info.unit], ...BY_METRIC[metric] };
  const family = metric.slice(0, metric.indexOf('.'));
  return {
    key,
    objectId: objectIdOf(key),
    name: entity === undefined ? info.label : `${info.label} ${entity}`,
    ...shape,
    stateClass: shape.component === 'binary_sensor' ? null : info.counter ? 'total_increasing' : 'measurement',
    icon: shape.deviceClass === null ? (ICONS[family] ?? null) : null,
  };
}

/** `fs.used_pct[/]` → `fs_used_pct_root`: the metric, then the entity (`root` for "/"). */
function objectIdOf(key: string): string {
  const { metric, entity } = parseSeriesKey(key);
  return entity === undefined ? slug(metric) : `${slug(metric)}_${slug(entity) || 'root'}`;
}

/** Whether the chosen series `selector` (a key, or a per-entity metric without entity) picks `key`. */
export function selects(selector: string, key: string): boolean {
  if (selector === key) return true;
  const chosen = parseSeriesKey(selector);
  if (chosen.entity !== undefined || metricInfo(selector)?.perEntity !== true) return false;
  const seen = parseSeriesKey(key);
  return seen.metric === chosen.metric && seen.entity !== undefined;
}

/**
 * The entities of the chosen series among the keys seen, in the order chosen; object ids that two
 * keys would share (`/a-b` and `/a_b`) get a short hash of their key, so both stay apart.
 */
export function chosenEntities(selectors: readonly string[], seen: Iterable<string>): HaEntity[] {
  const keys = [...seen];
  const out: HaEntity[] = [];
  const taken = new Set<string>();
  for (const selector of selectors) {
    for (const key of keys.filter((k) => selects(selector, k)).sort()) {
      if (taken.has(key)) continue;
      taken.add(key);
      const entity = haEntity(key);
      if (entity) out.push(entity);
    }
  }
  const count = new Map<string, number>();
  for (const e of out) count.set(e.objectId, (count.get(e.objectId) ?? 0) + 1);
  return out.map((e) => (count.get(e.objectId)! > 1 ? { ...e, objectId: `${e.objectId}_${shortHash(e.key)}` } : e));
}

/** FNV-1a, 32 bits, as 8 hex digits: stable across runs and platforms, no crypto needed. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
