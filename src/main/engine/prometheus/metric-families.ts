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

const gauge = (name: string, help: string, nodeExporter: string | null = null): Family => ({
  name,
  help,
  type: 'gauge',
  nodeExporter,
});
const counter = (name: string, help: string, nodeExporter: string | null = null): Family => ({
  name,
  help,
  type: 'counter',
  nodeExporter,
});

/** The engine's own families, answered from its state rather than from a sample. */
export const SELF_FAMILIES = {
  build: gauge('dashlight_build_info', 'Dashlight version and host; always 1.'),
  samples: counter('dashlight_samples_total', 'Samples taken since the engine started.'),
  gaps: counter(
    'dashlight_sample_gaps_total',
    'Samples that followed a gap (sleep, pause, restart, clock jump) since the engine started.',
  ),
  lastSample: gauge('dashlight_last_sample_timestamp_seconds', 'When the newest sample was taken, in Unix seconds.'),
  cpu: counter('process_cpu_seconds_total', "The engine's own CPU time, user and system, in seconds."),
  rss: gauge('process_resident_memory_bytes', "The engine's own resident memory, in bytes."),
  start: gauge('process_start_time_seconds', "When the engine's process started, in Unix seconds."),
} as const;

const CPU_MODE = gauge(
  'dashlight_cpu_mode_percent',
  'CPU time in a mode over the last tick, in percent of all cores.',
  'node_cpu_seconds_total{mode} (rate, ×100)',
);

/** By metric: the family of its machine-wide series (`whole`) and of its per-entity series (`each`). */
interface Mapping {
  readonly whole?: { readonly family: Family; readonly labels?: Readonly<Record<string, string>> };
  readonly each?: { readonly family: Family; readonly label: string };
}

const MAPPINGS: Readonly<Record<string, Mapping>> = {
  'cpu.total': {
    whole: {
      family: gauge(
        'dashlight_cpu_busy_percent',
        'CPU busy (all but idle and I/O wait) over the last tick, in percent of all cores.',
        '100 × (1 − rate(node_cpu_seconds_total{mode="idle"}))',
      ),
    },
  },
  'cpu.user': { whole: { family: CPU_MODE, labels: { mode: 'user' } } },
  'cpu.system': { whole: { family: CPU_MODE, labels: { mode: 'system' } } },
  'cpu.iowait': { whole: { family: CPU_MODE, labels: { mode: 'iowait' } } },
  'cpu.core': {
    each: {
      family: gauge(
        'dashlight_cpu_core_busy_percent',
        'One core busy over the last tick, in percent.',
        'node_cpu_seconds_total{cpu} (rate)',
      ),
      label: 'core',
    },
  },
  'load.1': { whole: { family: gauge('dashlight_load1', '1-minute load average.', 'node_load1') } },
  'load.5': { whole: { family: gauge('dashlight_load5', '5-minute load average.', 'node_load5') } },
  'load.15': { whole: { family: gauge('dashlight_load15', '15-minute load average.', 'node_load15') } },
  'mem.used': {
    whole: {
      family: gauge(
        'dashlight_memory_used_bytes',
        'Memory in use (total less available), in bytes.',
        'node_memory_MemTotal_bytes − node_memory_MemAvailable_bytes',
      ),
    },
  },
  'mem.available': {
    whole: {
      family: gauge(
        'dashlight_memory_available_bytes',
        'Memory available without swapping, in bytes.',
        'node_memory_MemAvailable_bytes',
      ),
    },
  },
  'mem.total': {
    whole: {
      family: gauge('dashlight_memory_total_bytes', 'Physical memory, in bytes.', 'node_memory_MemTotal_bytes'),
    },
  },
  'mem.percent': {
    whole: { family: gauge('dashlight_memory_used_percent', 'Memory in use, in percent of the total.') },
  },
  'swap.used': {
    whole: {
      family: gauge(
        'dashlight_swap_used_bytes',
        'Swap in use, in bytes.',
        'node_memory_SwapTotal_bytes − node_memory_SwapFree_bytes',
      ),
    },
  },
  'swap.total': {
    whole: { family: gauge('dashlight_swap_total_bytes', 'Swap space, in bytes.', 'node_memory_SwapTotal_bytes') },
  },
  'swap.percent': { whole: { family: gauge('dashlight_swap_used_percent', 'Swap in use, in percent.') } },
  'net.rx': {
    whole: {
      family: gauge(
        'dashlight_network_receive_bytes_per_second',
        'Received over all physical interfaces (virtual ones left out), in bytes per second.',
      ),
    },
    each: {
      family: gauge(
        'dashlight_network_interface_receive_bytes_per_second',
        'Received on one interface, in bytes per second.',
        'rate(node_network_receive_bytes_total)',
      ),
      label: 'interface',
    },
  },
  'net.tx': {
    whole: {
      family: gauge(
        'dashlight_network_transmit_bytes_per_second',
        'Sent over all physical interfaces (virtual ones left out), in bytes per second.',
      ),
    },
    each: {
      family: gauge(
        'dashlight_network_interface_transmit_bytes_per_second',
        'Sent on one interface, in bytes per second.',
        'rate(node_network_transmit_bytes_total)',
      ),
      label: 'interface',
    },
  },
  'net.rx_total': {
    each: {
      family: counter(
        'dashlight_network_interface_receive_bytes_total',
        'Bytes received on one interface since boot.',
        'node_network_receive_bytes_total',
      ),
      label: 'interface',
    },
  },
  'net.tx_total': {
    each: {
      family: counter(
        'dashlight_network_interface_transmit_bytes_total',
        'Bytes sent on one interface since boot.',
        'node_network_transmit_bytes_total',
      ),
      label: 'interface',
    },
  },
  'disk.read': {
    whole: { family: gauge('dashlight_disk_read_bytes_per_second', 'Read from all whole disks, in bytes per second.') },
    each: {
      family: gauge(
        'dashlight_disk_device_read_bytes_per_second',
        'Read from one disk, in bytes per second.',
        'rate(node_disk_read_bytes_total)',
      ),
      label: 'device',
    },
  },
  'disk.write': {
    whole: {
      family: gauge('dashlight_disk_written_bytes_per_second', 'Written to all whole disks, in bytes per second.'),
    },
    each: {
      family: gauge(
        'dashlight_disk_device_written_bytes_per_second',
        'Written to one disk, in bytes per second.',
        'rate(node_disk_written_bytes_total)',
      ),
      label: 'device',
    },
  },
  'fs.used': {
    each: {
      family: gauge(
        'dashlight_filesystem_used_bytes',
        'Space in use on one file system, in bytes.',
        'node_filesystem_size_bytes − node_filesystem_free_bytes',
      ),
      label: 'mountpoint',
    },
  },
  'fs.size': {
    each: {
      family: gauge(
        'dashlight_filesystem_size_bytes',
        'Size of one file system, in bytes.',
        'node_filesystem_size_bytes',
      ),
      label: 'mountpoint',
    },
  },
  'fs.used_pct': {
    each: {
      family: gauge(
        'dashlight_filesystem_used_percent',
        'Space in use on one file system, in percent of what users can use (as df shows it).',
        'node_filesystem_avail_bytes with node_filesystem_size_bytes and _free_bytes',
      ),
      label: 'mountpoint',
    },
  },
  'disk.used_pct': {
    whole: {
      family: gauge('dashlight_disk_space_used_percent', 'Space in use over all file systems together, in percent.'),
    },
  },
  'temp.cpu': {
    whole: {
      family: gauge(
        'dashlight_cpu_temperature_celsius',
        'CPU temperature, in degrees Celsius.',
        'node_hwmon_temp_celsius (the CPU chip)',
      ),
    },
  },
  'battery.percent': {
    whole: {
      family: gauge('dashlight_battery_charge_percent', 'Battery charge, in percent.', 'node_power_supply_capacity'),
    },
  },
  'battery.charging': {
    whole: {
      family: gauge(
        'dashlight_battery_charging',
        '1 while the battery charges, else 0.',
        'node_power_supply_info{status="Charging"}',
      ),
    },
  },
  'battery.time_left': {
    whole: {
      family: gauge(
        'dashlight_battery_time_left_seconds',
        'Estimated time until the battery is empty, in seconds.',
        'node_power_supply_time_to_empty_seconds',
      ),
    },
  },
  'gpu.util': {
    each: {
      family: gauge('dashlight_gpu_busy_percent', 'One GPU busy, in percent.', 'node_drm_gpu_busy_percent'),
      label: 'gpu',
    },
  },
  'gpu.mem_used': {
    each: {
      family: gauge(
        'dashlight_gpu_memory_used_bytes',
        'Memory in use on one GPU, in bytes.',
        'node_drm_memory_vram_used_bytes',
      ),
      label: 'gpu',
    },
  },
  'gpu.mem_total': {
    each: {
      family: gauge(
        'dashlight_gpu_memory_total_bytes',
        'Memory of one GPU, in bytes.',
        'node_drm_memory_vram_size_bytes',
      ),
      label: 'gpu',
    },
  },
};

/** The unit as a name suffix, for metrics without a mapping. */
const UNIT_SUFFIX: Readonly<Record<Unit, string>> = {
  percent: '_percent',
  bytes: '_bytes',
  bytes_per_second: '_bytes_per_second',
  celsius: '_celsius',
  seconds: '_seconds',
  load: '',
  boolean: '',
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
