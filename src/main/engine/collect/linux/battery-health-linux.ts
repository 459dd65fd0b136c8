/**
 * Battery health and power draw from /sys/class/power_supply (Documentation/ABI/testing/
 * sysfs-class-power): charge cycles, capacity when full against the design capacity (in Wh, from
 * energy_* in µWh, or charge_* in µAh times the design voltage), and the power going in or out
 * (power_now in µW, or current_now × voltage_now). Two batteries add up; cycles are the larger.
 *
 * @example
 * await new LinuxBatteryHealthCollector().collect()
 * // { 'battery.cycle_count': 312, 'battery.full_wh': 48.2, 'battery.design_wh': 57, 'battery.health_pct': 84.6, 'battery.power_watts': 9.3 }
 */
import { join } from 'node:path';
import type { Collector, Values } from '../types.js';
import { readProcDir, readProcNumber, readProcText } from './read-proc.js';
import type { SysfsOptions } from './temperature-linux.js';

/** µWh (or µAh × µV / 10^6) to Wh. */
const MICRO = 1e6;

interface Health {
  cycles?: number;
  fullWh?: number;
  designWh?: number;
  powerW?: number;
}

async function batteryHealth(dir: string): Promise<Health> {
  const n = (file: string) => readProcNumber(dir, file);
  const health: Health = {};
  const cycles = await n('cycle_count');
  // Some firmware reports 0 (or -1) when it does not count.
  if (cycles !== undefined && cycles > 0) health.cycles = cycles;
  const volts = ((await n('voltage_min_design')) ?? (await n('voltage_now')) ?? 0) / MICRO;
  const energy = async (e: string, c: string) => {
    const uwh = await n(e);
    if (uwh !== undefined) return uwh / MICRO;
    const uah = await n(c);
    return uah !== undefined && volts > 0 ? (uah / MICRO) * volts : undefined;
  };
  health.fullWh = await energy('energy_full', 'charge_full');
  health.designWh = await energy('energy_full_design', 'charge_full_design');
  const power = await n('power_now');
  const current = await n('current_now');
  const voltNow = await n('voltage_now');
  if (power !== undefined) health.powerW = Math.abs(power) / MICRO;
  else if (current !== undefined && voltNow !== undefined)
    health.powerW = (Math.abs(current) / MICRO) * (voltNow / MICRO);
  return health;
}

export class LinuxBatteryHealthCollector implements Collector {
  readonly name = 'battery-health';
  readonly cadence = 'slow';
  private readonly sysRoot: string;

  constructor(options: SysfsOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
  }

  async collect(): Promise<Values> {
    const base = join(this.sysRoot, 'class/power_supply');
    const supplies = await readProcDir(base);
    const all: Health[] = [];
    for (const supply of supplies.sort()) {
      const dir = join(base, supply);
      if ((await readProcText(dir, 'type'))?.trim() !== 'Battery') continue;
      if ((await readProcNumber(dir, 'present')) === 0) continue;
      // A wireless mouse's or headset's battery is a Device's, not the machine's.
      if ((await readProcText(dir, 'scope'))?.trim() === 'Device') continue;
      all.push(await batteryHealth(dir));
    }
    const values: Values = {};
    const sum = (key: keyof Health) =>
      all.some((h) => h[key] !== undefined) ? all.reduce((total, h) => total + (h[key] ?? 0), 0) : undefined;
    const cycles = all.map((h) => h.cycles).filter((c): c is number => c !== undefined);
    if (cycles.length > 0) values['battery.cycle_count'] = Math.max(...cycles);
    const full = sum('fullWh');
    const design = sum('designWh');
    const power = sum('powerW');
    if (full !== undefined) values['battery.full_wh'] = full;
    if (design !== undefined) values['battery.design_wh'] = design;
    if (full !== undefined && design !== undefined && design > 0) values['battery.health_pct'] = (full / design) * 100;
    if (power !== undefined) values['battery.power_watts'] = power;
    return values;
  }

  reset(): void {
    // Readings are not rates.
  }
}
