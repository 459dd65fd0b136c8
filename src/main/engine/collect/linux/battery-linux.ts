/**
 * Battery state read straight from /sys/class/power_supply, in the shape BatteryCollector maps
 * (si.battery()'s fields). Reading sysfs ourselves keeps systeminformation, ~10 MB of resident
 * memory, out of the Linux engine entirely.
 *
 * @example
 * await readSysfsBattery('/sys') // { hasBattery: true, percent: 81, isCharging: false, timeRemaining: 150 }
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatteryReader } from '../battery.js';
import { isAbsentError, readProcNumber, readProcText } from './read-proc.js';

type BatteryData = Awaited<ReturnType<BatteryReader>>;

const NO_BATTERY: BatteryData = { hasBattery: false, percent: 0, isCharging: false, timeRemaining: 0 };

/** Sums every battery (laptops with two packs); time left comes from energy (µWh/µW) or charge (µAh/µA). */
export async function readSysfsBattery(sysRoot = '/sys'): Promise<BatteryData> {
  const base = join(sysRoot, 'class/power_supply');
  let supplies: string[];
  try {
    supplies = await readdir(base);
  } catch (error) {
    if (isAbsentError(error)) return NO_BATTERY;
    throw error;
  }
  let found = false;
  let charging = false;
  let now = 0;
  let full = 0;
  let rate = 0;
  const capacities: number[] = [];
  for (const supply of supplies.sort()) {
    const dir = join(base, supply);
    if ((await readProcText(dir, 'type'))?.trim() !== 'Battery') continue;
    if ((await readProcNumber(dir, 'present')) === 0) continue;
    // A wireless mouse's or headset's battery is a Device's, not the machine's.
    if ((await readProcText(dir, 'scope'))?.trim() === 'Device') continue;
    found = true;
    if ((await readProcText(dir, 'status'))?.trim() === 'Charging') charging = true;
    const capacity = await readProcNumber(dir, 'capacity');
    if (capacity !== undefined) capacities.push(capacity);
    now += (await readProcNumber(dir, 'energy_now')) ?? (await readProcNumber(dir, 'charge_now')) ?? 0;
    full += (await readProcNumber(dir, 'energy_full')) ?? (await readProcNumber(dir, 'charge_full')) ?? 0;
    rate += Math.abs((await readProcNumber(dir, 'power_now')) ?? (await readProcNumber(dir, 'current_now')) ?? 0);
  }
  if (!found) return NO_BATTERY;
  const percent =
    full > 0
      ? (now / full) * 100
      : capacities.length > 0
        ? capacities.reduce((a, b) => a + b, 0) / capacities.length
        : NaN;
  const timeRemaining = !charging && rate > 0 ? (now / rate) * 60 : NaN;
  return { hasBattery: true, percent, isCharging: charging, timeRemaining };
}
