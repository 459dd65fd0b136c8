/**
 * Each core's current clock from cpufreq (/sys/devices/system/cpu/cpuN/cpufreq/scaling_cur_freq,
 * in kHz; Documentation/ABI/testing/sysfs-devices-system-cpu), as `cpu.freq_hz[N]`. Virtual
 * machines and containers without cpufreq have no such series. The files are held open.
 *
 * @example
 * await new LinuxCpuFreqCollector().collect() // { 'cpu.freq_hz[0]': 3_400_000_000, 'cpu.freq_hz[1]': 1_200_000_000 }
 */
import { join } from 'node:path';
import { seriesKey } from '../../../../shared/metrics.js';
import type { Collector, Values } from '../types.js';
import { ProcFile, readProcDir } from './read-proc.js';
import type { SysfsOptions } from './temperature-linux.js';

export class LinuxCpuFreqCollector implements Collector {
  readonly name = 'cpu-freq';
  readonly cadence = 'slow';
  private readonly sysRoot: string;
  private files: { core: string; file: ProcFile }[] | undefined;

  constructor(options: SysfsOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
  }

  async collect(): Promise<Values> {
    this.files ??= await this.findCores();
    const values: Values = {};
    for (const { core, file } of this.files) {
      const khz = Number((await file.readText())?.trim());
      if (Number.isFinite(khz) && khz > 0) values[seriesKey('cpu.freq_hz', core)] = khz * 1000;
    }
    return values;
  }

  reset(): void {
    // Readings are not rates.
  }

  async close(): Promise<void> {
    await Promise.all((this.files ?? []).map(({ file }) => file.close()));
    this.files = undefined;
  }

  private async findCores(): Promise<{ core: string; file: ProcFile }[]> {
    const base = join(this.sysRoot, 'devices/system/cpu');
    return (await readProcDir(base))
      .map((entry) => /^cpu(\d+)$/.exec(entry)?.[1])
      .filter((core): core is string => core !== undefined)
      .sort((a, b) => Number(a) - Number(b))
      .map((core) => ({ core, file: new ProcFile(join(base, `cpu${core}`, 'cpufreq/scaling_cur_freq')) }));
  }
}
