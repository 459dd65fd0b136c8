/**
 * The table behind `/metrics` (metric-families.ts): each Dashlight metric's family for its
 * machine-wide series (`whole`) and for its per-entity series (`each`, with the label its entity
 * becomes), and the engine's own families. One row per metric of the catalogue; the README's table
 * of families is checked against it.
 *
 * @example
 * MAPPINGS['net.rx'].each // { family: { name: 'dashlight_network_interface_receive_bytes_per_second', … }, label: 'interface' }
 */
import type { Family } from './metric-families.js';

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
export interface Mapping {
  readonly whole?: { readonly family: Family; readonly labels?: Readonly<Record<string, string>> };
  readonly each?: { readonly family: Family; readonly label: string };
}

export const MAPPINGS: Readonly<Record<string, Mapping>> = {
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
