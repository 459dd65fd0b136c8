/**
 * The top apps on `/metrics`: one family per figure of an app in the newest pass over the process
 * table, labelled with the app's name and how it was grouped (`app`, `kind`: `exe`, `bundle`,
 * `unit`, `container`, `kernel`), for the busiest apps only (top-apps.ts), so a scrape never grows
 * with the process table. node_exporter has no per-process metrics (process-exporter's
 * `namedprocess_namegroup_*` are the nearest), so none names an equivalent.
 *
 * @example
 * APP_FAMILIES.cpu.name // 'dashlight_app_cpu_percent'
 */
import type { Family } from './metric-families.js';

const gauge = (name: string, help: string): Family => ({ name, help, type: 'gauge', nodeExporter: null });

export const APP_FAMILIES = {
  cpu: gauge(
    'dashlight_app_cpu_percent',
    "An app's CPU use over the newest process pass, in percent of one core (two busy cores show 200); top apps only.",
  ),
  memory: gauge(
    'dashlight_app_memory_bytes',
    "Resident memory of an app's processes at the newest process pass, in bytes; top apps only.",
  ),
  io: gauge(
    'dashlight_app_io_bytes_per_second',
    "Storage bytes read and written by an app's processes over the newest process pass, per second; top apps only, where readable.",
  ),
  processes: gauge('dashlight_app_processes', 'Processes in an app at the newest process pass; top apps only.'),
} as const;
