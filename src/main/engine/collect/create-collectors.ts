/**
 * Picks the collector variant for each OS. Linux reads /proc and /sys only on the hot path (zero
 * child processes per tick); macOS and Windows use os.* where it is enough and systeminformation
 * where it is not (those calls may spawn processes; see README.md for the table).
 *
 * @example
 * const { hot, slow } = createCollectors();
 * for (const c of hot) Object.assign(values, await c.collect(performance.now()));
 */
import { BatteryCollector } from './battery.js';
import { SiGpuCollector } from './gpu-si.js';
import { readSysfsBattery } from './linux/battery-linux.js';
import { LinuxCpuCollector } from './linux/cpu-linux.js';
import { LinuxDiskIoCollector } from './linux/disk-io-linux.js';
import { LinuxGpuCollector } from './linux/gpu-linux.js';
import { LinuxLoadCollector } from './linux/load-linux.js';
import { LinuxMemoryCollector } from './linux/memory-linux.js';
import { LinuxMountsCollector } from './linux/mounts-linux.js';
import { LinuxNetworkCollector } from './linux/network-linux.js';
import { LinuxTemperatureCollector } from './linux/temperature-linux.js';
import { LinuxBatteryHealthCollector } from './linux/battery-health-linux.js';
import { LinuxCpuFreqCollector } from './linux/cpu-freq-linux.js';
import { LinuxHwmonCollector } from './linux/hwmon-linux.js';
import { LinuxMemoryDetailCollector } from './linux/memory-detail-linux.js';
import { LinuxRaplCollector } from './linux/rapl-linux.js';
import { LinuxUptimeCollector } from './linux/uptime-linux.js';
import { OsMemoryDetailCollector } from './portable/memory-detail-os.js';
import { OsUptimeCollector } from './portable/uptime-os.js';
import { OsCpuCollector } from './portable/cpu-os.js';
import { OsDiskIoCollector } from './portable/disk-io-os.js';
import { OsLoadCollector } from './portable/load-os.js';
import { OsMemoryCollector } from './portable/memory-os.js';
import { OsMountsCollector } from './portable/mounts-os.js';
import { OsNetworkCollector } from './portable/network-os.js';
import { OsTemperatureCollector } from './portable/temperature-os.js';
import type { Collector } from './types.js';

export interface CreateCollectorsOptions {
  readonly platform?: NodeJS.Platform;
  /** procfs root on Linux (default: DASHLIGHT_PROCFS, else '/proc'). */
  readonly procRoot?: string;
  /** sysfs root on Linux (default: DASHLIGHT_SYSFS, else '/sys'). */
  readonly sysRoot?: string;
  /** Where DASHLIGHT_PROCFS and DASHLIGHT_SYSFS are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface CollectorSet {
  readonly hot: Collector[];
  readonly slow: Collector[];
}

export function createCollectors(options: CreateCollectorsOptions = {}): CollectorSet {
  const platform = options.platform ?? process.platform;
  if (platform === 'linux' || platform === 'android') {
    // Like node_exporter's --path.procfs: a container watching its host mounts the host's /proc
    // elsewhere; tests point the hardware readings at files they write.
    const env = options.env ?? process.env;
    const proc = { procRoot: options.procRoot ?? (env.DASHLIGHT_PROCFS || '/proc') };
    const sys = { sysRoot: options.sysRoot ?? (env.DASHLIGHT_SYSFS || '/sys') };
    return {
      hot: [
        new LinuxCpuCollector(proc),
        new LinuxLoadCollector(proc),
        new LinuxMemoryCollector(proc),
        new LinuxNetworkCollector({ ...proc, ...sys }),
        new LinuxDiskIoCollector(proc),
      ],
      slow: [
        new LinuxMountsCollector(proc),
        new LinuxTemperatureCollector(sys),
        new BatteryCollector({ battery: () => readSysfsBattery(sys.sysRoot) }),
        new LinuxGpuCollector(sys),
        // Sensors: every hwmon temperature and fan, package power, core clocks, battery health.
        new LinuxHwmonCollector(sys),
        new LinuxRaplCollector(sys),
        new LinuxCpuFreqCollector(sys),
        new LinuxBatteryHealthCollector(sys),
        new LinuxUptimeCollector(proc),
        new LinuxMemoryDetailCollector(proc),
      ],
    };
  }
  const hot: Collector[] = [new OsCpuCollector()];
  // os.loadavg() is always [0, 0, 0] on Windows, and si has no disk I/O counters there.
  if (platform !== 'win32') hot.push(new OsLoadCollector());
  hot.push(new OsMemoryCollector({ platform }), new OsNetworkCollector());
  if (platform !== 'win32') hot.push(new OsDiskIoCollector());
  return {
    hot,
    slow: [
      new OsMountsCollector(),
      new OsTemperatureCollector(),
      new BatteryCollector(),
      new SiGpuCollector(),
      new OsUptimeCollector(),
      new OsMemoryDetailCollector({ platform }),
    ],
  };
}
