/**
 * The metric catalogue: every series Dashlight can record, with its unit and cadence.
 *
 * A series key is `metric` for machine-wide values, or `metric[entity]` for per-entity
 * ones (a core, an interface, a disk, a mount), e.g. `cpu.core[3]`, `net.rx[eth0]`, `fs.used_pct[/]`.
 *
 * @example
 * seriesKey('net.rx', 'eth0') // 'net.rx[eth0]'
 * parseSeriesKey('fs.used_pct[C:]') // { metric: 'fs.used_pct', entity: 'C:' }
 */

export type Unit =
  | 'percent'
  | 'bytes'
  | 'bytes_per_second'
  | 'celsius'
  | 'seconds'
  | 'load'
  | 'boolean'
  | 'watts'
  | 'watt_hours'
  | 'hertz'
  | 'rpm'
  | 'count';

/** Hot metrics are read every tick; slow ones on the slow cadence (60 s by default). */
export type Cadence = 'hot' | 'slow';

export interface MetricInfo {
  readonly unit: Unit;
  readonly cadence: Cadence;
  /** Per-entity metrics carry an entity name in brackets. */
  readonly perEntity: boolean;
  /** Monotonic counters keep full float64 precision in storage. */
  readonly counter?: boolean;
  readonly label: string;
}

export const METRICS = {
  'cpu.total': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'CPU busy' },
  'cpu.user': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'CPU user' },
  'cpu.system': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'CPU system' },
  'cpu.iowait': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'CPU I/O wait' },
  'cpu.core': { unit: 'percent', cadence: 'hot', perEntity: true, label: 'CPU core busy' },
  'load.1': { unit: 'load', cadence: 'hot', perEntity: false, label: 'Load average 1 min' },
  'load.5': { unit: 'load', cadence: 'hot', perEntity: false, label: 'Load average 5 min' },
  'load.15': { unit: 'load', cadence: 'hot', perEntity: false, label: 'Load average 15 min' },
  'mem.used': { unit: 'bytes', cadence: 'hot', perEntity: false, label: 'Memory used' },
  'mem.available': { unit: 'bytes', cadence: 'hot', perEntity: false, label: 'Memory available' },
  'mem.total': { unit: 'bytes', cadence: 'hot', perEntity: false, label: 'Memory total' },
  'mem.percent': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'Memory used' },
  'swap.used': { unit: 'bytes', cadence: 'hot', perEntity: false, label: 'Swap used' },
  'swap.total': { unit: 'bytes', cadence: 'hot', perEntity: false, label: 'Swap total' },
  'swap.percent': { unit: 'percent', cadence: 'hot', perEntity: false, label: 'Swap used' },
  'net.rx': { unit: 'bytes_per_second', cadence: 'hot', perEntity: true, label: 'Network in' },
  'net.tx': { unit: 'bytes_per_second', cadence: 'hot', perEntity: true, label: 'Network out' },
  'net.rx_total': { unit: 'bytes', cadence: 'hot', perEntity: true, counter: true, label: 'Received since boot' },
  'net.tx_total': { unit: 'bytes', cadence: 'hot', perEntity: true, counter: true, label: 'Sent since boot' },
  'net.rx_virtual': { unit: 'bytes_per_second', cadence: 'hot', perEntity: false, label: 'Virtual network in' },
  'net.tx_virtual': { unit: 'bytes_per_second', cadence: 'hot', perEntity: false, label: 'Virtual network out' },
  'disk.read': { unit: 'bytes_per_second', cadence: 'hot', perEntity: true, label: 'Disk read' },
  'disk.write': { unit: 'bytes_per_second', cadence: 'hot', perEntity: true, label: 'Disk write' },
  'fs.used': { unit: 'bytes', cadence: 'slow', perEntity: true, label: 'Filesystem used' },
  'fs.size': { unit: 'bytes', cadence: 'slow', perEntity: true, label: 'Filesystem size' },
  'fs.used_pct': { unit: 'percent', cadence: 'slow', perEntity: true, label: 'Filesystem used' },
  'disk.used_pct': { unit: 'percent', cadence: 'slow', perEntity: false, label: 'Disk used (all mounts)' },
  'temp.cpu': { unit: 'celsius', cadence: 'slow', perEntity: false, label: 'CPU temperature' },
  'battery.percent': { unit: 'percent', cadence: 'slow', perEntity: false, label: 'Battery' },
  'battery.charging': { unit: 'boolean', cadence: 'slow', perEntity: false, label: 'Battery charging' },
  'battery.time_left': { unit: 'seconds', cadence: 'slow', perEntity: false, label: 'Battery time left' },
  'gpu.util': { unit: 'percent', cadence: 'slow', perEntity: true, label: 'GPU utilisation' },
  'gpu.mem_used': { unit: 'bytes', cadence: 'slow', perEntity: true, label: 'GPU memory used' },
  'gpu.mem_total': { unit: 'bytes', cadence: 'slow', perEntity: true, label: 'GPU memory total' },
  // Sensors (slow set). Entities name the chip and its label, e.g. `sensor.temp_celsius[coretemp/Package id 0]`.
  'sensor.temp_celsius': { unit: 'celsius', cadence: 'slow', perEntity: true, label: 'Temperature' },
  'sensor.fan_rpm': { unit: 'rpm', cadence: 'slow', perEntity: true, label: 'Fan speed' },
  'power.gpu_watts': { unit: 'watts', cadence: 'slow', perEntity: true, label: 'GPU power' },
  'power.cpu_package_watts': { unit: 'watts', cadence: 'slow', perEntity: true, label: 'CPU package power' },
  'cpu.freq_hz': { unit: 'hertz', cadence: 'slow', perEntity: true, label: 'CPU core frequency' },
  'battery.cycle_count': { unit: 'count', cadence: 'slow', perEntity: false, label: 'Battery cycles' },
  'battery.full_wh': { unit: 'watt_hours', cadence: 'slow', perEntity: false, label: 'Battery full capacity' },
  'battery.design_wh': { unit: 'watt_hours', cadence: 'slow', perEntity: false, label: 'Battery design capacity' },
  'battery.health_pct': { unit: 'percent', cadence: 'slow', perEntity: false, label: 'Battery health' },
  'battery.power_watts': { unit: 'watts', cadence: 'slow', perEntity: false, label: 'Battery power draw' },
  'system.uptime_seconds': { unit: 'seconds', cadence: 'slow', perEntity: false, counter: true, label: 'Uptime' },
  'mem.cached_bytes': { unit: 'bytes', cadence: 'slow', perEntity: false, label: 'Memory cached' },
  'mem.buffers_bytes': { unit: 'bytes', cadence: 'slow', perEntity: false, label: 'Memory buffers' },
  'mem.shared_bytes': { unit: 'bytes', cadence: 'slow', perEntity: false, label: 'Memory shared' },
  'mem.dirty_bytes': { unit: 'bytes', cadence: 'slow', perEntity: false, label: 'Memory dirty' },
  // Latency probes (settings `probes`): they arrive every probes.interval, so alerts treat them as slow.
  'probe.connect_seconds': { unit: 'seconds', cadence: 'slow', perEntity: true, label: 'TCP connect time' },
  'probe.loss_pct': { unit: 'percent', cadence: 'slow', perEntity: true, label: 'TCP connect loss' },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;

/**
 * Machine-wide aggregates of per-entity rates: `net.rx` without an entity is the sum over
 * physical interfaces, `disk.read` the sum over whole disks.
 */
export const AGGREGATE_KEYS = ['net.rx', 'net.tx', 'disk.read', 'disk.write'] as const;

/** The headline series kept in the in-memory rolling windows. */
export const ROLLING_KEYS = [
  'cpu.total',
  'cpu.user',
  'cpu.system',
  'cpu.iowait',
  'load.1',
  'mem.percent',
  'swap.percent',
  'net.rx',
  'net.tx',
  'disk.read',
  'disk.write',
] as const;

export type SeriesKey = string;

export function seriesKey(metric: MetricName, entity?: string): SeriesKey {
  return entity === undefined ? metric : `${metric}[${entity}]`;
}

export function parseSeriesKey(key: SeriesKey): { metric: string; entity?: string } {
  const open = key.indexOf('[');
  if (open < 0 || !key.endsWith(']')) return { metric: key };
  return { metric: key.slice(0, open), entity: key.slice(open + 1, -1) };
}

export function metricInfo(key: SeriesKey): MetricInfo | undefined {
  const { metric } = parseSeriesKey(key);
  return (METRICS as Record<string, MetricInfo>)[metric];
}

/** True when the key names a catalogued metric (with an entity only where the metric takes one). */
export function isKnownSeries(key: SeriesKey): boolean {
  const { metric, entity } = parseSeriesKey(key);
  const info = (METRICS as Record<string, MetricInfo>)[metric];
  if (!info) return false;
  return entity === undefined || (info.perEntity && entity.length > 0);
}
