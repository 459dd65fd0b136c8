/**
 * The series of the Overview's sensors card: temperatures and fans by chip, power draw, the cores'
 * clock and battery health, all read on the slow cadence. The card keeps up from live samples, so
 * the live subscription asks for these metrics (live.svelte.ts): a sample narrowed to the charts'
 * series alone would leave the card with what it recalled when the Overview opened.
 *
 * @example
 * isSensorKey('sensor.temp_celsius[coretemp/Core 0]') // true
 * isSensorKey('cpu.total') // false
 */
import { parseSeriesKey } from '../../../shared/metrics.js';

export const SENSOR_METRICS: readonly string[] = [
  'sensor.temp_celsius',
  'sensor.fan_rpm',
  'power.cpu_package_watts',
  'power.gpu_watts',
  'cpu.freq_hz',
  'battery.health_pct',
  'battery.cycle_count',
  'battery.power_watts',
];

const SENSOR_SET: ReadonlySet<string> = new Set(SENSOR_METRICS);

/**
 * Whether the sensors card shows this series (and wants it remembered from the last minutes when
 * it opens). Asked of every key of every live sample: one set lookup.
 */
export function isSensorKey(key: string): boolean {
  return SENSOR_SET.has(parseSeriesKey(key).metric);
}
