/**
 * CPU temperature on Linux read straight from sysfs, because systeminformation's
 * cpuTemperature() spawns a shell (`cat`, a hwmon loop, then `sensors`) on every call.
 *
 * Source order: a CPU hwmon chip (coretemp, k10temp, zenpower, cpu_thermal, ...) preferring the
 * package/die sensor (Package id 0, Tdie, Tctl), else the hottest core; then a CPU thermal zone
 * (x86_pkg_temp, *cpu*, soc). Chips like acpitz or nvme are not the CPU and are ignored.
 *
 * @example
 * await new LinuxTemperatureCollector().collect(0) // { 'temp.cpu': 47.5 } or {} when no sensor is exposed
 */
import { join } from 'node:path';
import { naturalCompare } from '../../../../shared/text-collation.js';
import type { Collector, Values } from '../types.js';
import { readProcDir as list, readProcText } from './read-proc.js';

export interface SysfsOptions {
  /** Where sysfs is mounted; tests point this at a temporary folder. */
  readonly sysRoot?: string;
}

const CPU_CHIPS = /^(coretemp|k10temp|zenpower|k8temp|cpu[_-]thermal|soc[_-]thermal|cpu\d*_thermal)$/;
const PACKAGE_LABELS = [/^package id/i, /^tdie/i, /^tctl/i, /^physical id/i, /^tccd/i];
const CPU_ZONES = /x86_pkg_temp|cpu|soc/i;

/** Millidegrees text to °C, or undefined when missing or implausible (disconnected sensors read 0, -128 or 255). */
function celsius(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim()) / 1000;
  return Number.isFinite(value) && value > 0 && value < 150 ? Math.round(value * 10) / 10 : undefined;
}

async function fromHwmon(sysRoot: string): Promise<number | undefined> {
  const base = join(sysRoot, 'class/hwmon');
  for (const hwmon of (await list(base)).sort()) {
    const dir = join(base, hwmon);
    const name = (await readProcText(dir, 'name'))?.trim();
    if (name === undefined || !CPU_CHIPS.test(name)) continue;
    const inputs = (await list(dir)).filter((f) => /^temp\d+_input$/.test(f)).sort(naturalCompare);
    const sensors: Array<{ label: string; value: number }> = [];
    for (const input of inputs) {
      const value = celsius(await readProcText(dir, input));
      if (value === undefined) continue;
      const label = (await readProcText(dir, input.replace('_input', '_label')))?.trim() ?? '';
      sensors.push({ label, value });
    }
    for (const pattern of PACKAGE_LABELS) {
      const match = sensors.find((s) => pattern.test(s.label));
      if (match) return match.value;
    }
    const cores = sensors.filter((s) => /^core/i.test(s.label)).map((s) => s.value);
    if (cores.length > 0) return Math.max(...cores);
    if (sensors[0]) return sensors[0].value;
  }
  return undefined;
}

async function fromThermalZones(sysRoot: string): Promise<number | undefined> {
  const base = join(sysRoot, 'class/thermal');
  const zones = (await list(base)).filter((z) => z.startsWith('thermal_zone')).sort(naturalCompare);
  for (const zone of zones) {
    const type = (await readProcText(join(base, zone), 'type'))?.trim();
    if (type === undefined || !CPU_ZONES.test(type)) continue;
    const value = celsius(await readProcText(join(base, zone), 'temp'));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The CPU temperature in °C from sysfs, or undefined when the machine exposes none (VMs, containers). */
export async function readLinuxCpuTemperature(sysRoot = '/sys'): Promise<number | undefined> {
  return (await fromHwmon(sysRoot)) ?? (await fromThermalZones(sysRoot));
}

export class LinuxTemperatureCollector implements Collector {
  readonly name = 'temperature';
  readonly cadence = 'slow';
  private readonly sysRoot: string;

  constructor(options: SysfsOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
  }

  async collect(): Promise<Values> {
    const value = await readLinuxCpuTemperature(this.sysRoot);
    return value === undefined ? {} : { 'temp.cpu': value };
  }

  reset(): void {
    // Nothing remembered between readings.
  }
}
