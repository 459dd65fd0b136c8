/**
 * The Overview's sensors card as data: temperatures and fans grouped by chip (`coretemp`,
 * `k10temp`, `nvme0`), power draw, the cores' clock, and battery health, each value formatted in
 * the units convention and keyed by its series (for a link to History).
 *
 * @example
 * sensorGroups({ 'sensor.temp_celsius[coretemp/Core 0]': 49 }).chips
 * // [{ chip: 'coretemp', readings: [{ key: 'sensor.temp_celsius[coretemp/Core 0]', label: 'Core 0', text: '49.0 °C' }] }]
 */
import { parseSeriesKey } from '../../../shared/metrics.js';
import { formatUnit, formatValue } from '../../../shared/units.js';

export interface SensorReading {
  readonly key: string;
  readonly label: string;
  readonly text: string;
}

export interface SensorGroups {
  /** Temperatures and fans, one group per chip, chips in name order. */
  readonly chips: readonly { readonly chip: string; readonly readings: readonly SensorReading[] }[];
  readonly power: readonly SensorReading[];
  /** The cores' clock: the average and the fastest core, when cpufreq is there. */
  readonly clock: { readonly average: string; readonly fastest: string; readonly cores: number } | null;
  readonly battery: readonly SensorReading[];
}

const natural = new Intl.Collator(undefined, { numeric: true });

export function sensorGroups(values: Readonly<Record<string, number>>): SensorGroups {
  const chips = new Map<string, SensorReading[]>();
  const power: SensorReading[] = [];
  const clocks: number[] = [];
  const battery: SensorReading[] = [];
  for (const key of Object.keys(values).sort(natural.compare)) {
    const value = values[key]!;
    const { metric, entity } = parseSeriesKey(key);
    if ((metric === 'sensor.temp_celsius' || metric === 'sensor.fan_rpm') && entity !== undefined) {
      const slash = entity.indexOf('/');
      const chip = slash < 0 ? entity : entity.slice(0, slash);
      const label = slash < 0 ? entity : entity.slice(slash + 1);
      const list = chips.get(chip) ?? [];
      list.push({ key, label: metric === 'sensor.fan_rpm' ? `${label} (fan)` : label, text: formatValue(key, value) });
      chips.set(chip, list);
    } else if (metric === 'power.cpu_package_watts') {
      power.push({ key, label: `CPU ${entity ?? ''}`.trim(), text: formatValue(key, value) });
    } else if (metric === 'power.gpu_watts') {
      power.push({ key, label: `GPU ${entity ?? ''}`.trim(), text: formatValue(key, value) });
    } else if (metric === 'cpu.freq_hz') {
      clocks.push(value);
    } else if (key === 'battery.power_watts') {
      power.push({ key, label: 'Battery draw', text: formatValue(key, value) });
    } else if (key === 'battery.health_pct') {
      battery.push({ key, label: 'Health (full vs design)', text: formatValue(key, value) });
    } else if (key === 'battery.cycle_count') {
      battery.push({ key, label: 'Charge cycles', text: formatValue(key, value) });
    }
  }
  const clock =
    clocks.length === 0
      ? null
      : {
          average: formatUnit('hertz', clocks.reduce((a, b) => a + b, 0) / clocks.length),
          fastest: formatUnit('hertz', Math.max(...clocks)),
          cores: clocks.length,
        };
  return {
    chips: [...chips].sort(([a], [b]) => natural.compare(a, b)).map(([chip, readings]) => ({ chip, readings })),
    power,
    clock,
    battery,
  };
}
