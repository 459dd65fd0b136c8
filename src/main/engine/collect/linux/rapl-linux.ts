/**
 * CPU package power from the kernel's powercap RAPL zones (/sys/class/powercap/intel-rapl:N, AMD
 * included; Documentation/ABI/testing/sysfs-class-powercap): `energy_uj` is a µJ counter, so
 * watts are its growth over time. `power.cpu_package_watts[package-0]`. Since 2020 energy_uj is
 * readable by root only (CVE-2020-8694): elsewhere the series is simply absent.
 *
 * @example
 * const rapl = new LinuxRaplCollector();
 * await rapl.collect(0); // {} (primes)
 * await rapl.collect(60_000); // { 'power.cpu_package_watts[package-0]': 14.2 }
 */
import { join } from 'node:path';
import { seriesKey } from '../../../../shared/metrics.js';
import type { Collector, Values } from '../types.js';
import { readProcDir, readProcNumber, readProcText } from './read-proc.js';
import type { SysfsOptions } from './temperature-linux.js';

/** Top-level zones only (intel-rapl:0), not their core/uncore/dram parts (intel-rapl:0:1). */
const PACKAGE_ZONE = /^intel-rapl:\d+$/;

export class LinuxRaplCollector implements Collector {
  readonly name = 'rapl';
  readonly cadence = 'slow';
  private readonly sysRoot: string;
  private readonly previous = new Map<string, { energy: number; monoMs: number }>();

  constructor(options: SysfsOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
  }

  async collect(monoMs: number): Promise<Values> {
    const base = join(this.sysRoot, 'class/powercap');
    const zones = (await readProcDir(base)).filter((z) => PACKAGE_ZONE.test(z)).sort();
    const values: Values = {};
    for (const zone of zones) {
      const dir = join(base, zone);
      const name = (await readProcText(dir, 'name'))?.trim() || zone;
      // Laptops also have a `psys` zone (the whole platform), which is not the CPU package.
      if (!name.startsWith('package')) continue;
      const energy = await readProcNumber(dir, 'energy_uj');
      if (energy === undefined) continue;
      const before = this.previous.get(zone);
      this.previous.set(zone, { energy, monoMs });
      if (!before || monoMs <= before.monoMs) continue;
      let used = energy - before.energy;
      // The counter wraps at max_energy_range_uj.
      if (used < 0) used += (await readProcNumber(dir, 'max_energy_range_uj')) ?? Number.NaN;
      const watts = used / 1000 / (monoMs - before.monoMs); // µJ / ms = mW; / 1000 = W
      if (Number.isFinite(watts) && watts >= 0) values[seriesKey('power.cpu_package_watts', name)] = watts;
    }
    return values;
  }

  reset(): void {
    this.previous.clear();
  }
}
