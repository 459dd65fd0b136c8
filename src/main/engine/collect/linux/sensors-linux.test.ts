/**
 * The sensor collectors against the sysfs of three machines (test-support/sysfs-machines.ts) and
 * of one with no sensors at all. Expected values are the files' numbers in their units: °C to one
 * decimal from millidegrees, RPM, W from µW or µJ over time, Wh from µWh or µAh × V, Hz from kHz.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LinuxBatteryHealthCollector } from './battery-health-linux.js';
import { readSysfsBattery } from './battery-linux.js';
import { LinuxCpuFreqCollector } from './cpu-freq-linux.js';
import { readDrmGpus } from './gpu-linux.js';
import { LinuxHwmonCollector } from './hwmon-linux.js';
import { LinuxRaplCollector } from './rapl-linux.js';
import { AMD_DESKTOP, INTEL_LAPTOP, RASPBERRY_PI } from './test-support/sysfs-machines.js';
import { writeSysfs, type SysfsTree } from './test-support/sysfs-tree.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function sysfs(tree: SysfsTree): Promise<string> {
  const root = await writeSysfs(tree);
  roots.push(root);
  return root;
}

describe('hwmon: every temperature and fan, with chip and label', () => {
  it('an Intel laptop', async () => {
    const hwmon = new LinuxHwmonCollector({ sysRoot: await sysfs(INTEL_LAPTOP) });
    expect(await hwmon.collect()).toEqual({
      'sensor.temp_celsius[acpitz/temp1]': 27.8,
      'sensor.temp_celsius[nvme/Composite]': 38.9,
      'sensor.temp_celsius[nvme/Sensor 1]': 38.9,
      'sensor.temp_celsius[nvme/Sensor 2]': 42.9,
      'sensor.temp_celsius[coretemp/Package id 0]': 52,
      'sensor.temp_celsius[coretemp/Core 0]': 49,
      'sensor.temp_celsius[coretemp/Core 1]': 51,
      'sensor.temp_celsius[iwlwifi_1/temp1]': 44,
      'sensor.temp_celsius[thinkpad/temp1]': 50,
      // fan2 has read 0 since the start: nothing is plugged into that header.
      'sensor.fan_rpm[thinkpad/fan1]': 2400,
    });
  });

  it('an AMD desktop: two NVMe drives told apart by device; idle and empty fans; a disconnected input', async () => {
    const root = await sysfs(AMD_DESKTOP);
    const hwmon = new LinuxHwmonCollector({ sysRoot: root });
    expect(await hwmon.collect()).toEqual({
      'sensor.temp_celsius[k10temp/Tctl]': 65.3,
      'sensor.temp_celsius[k10temp/Tccd1]': 58.5,
      'sensor.temp_celsius[amdgpu/edge]': 45,
      'sensor.temp_celsius[amdgpu/junction]': 47,
      'sensor.temp_celsius[amdgpu/mem]': 50,
      'sensor.temp_celsius[nct6798/SYSTIN]': 38,
      'sensor.temp_celsius[nct6798/CPUTIN]': 40,
      'sensor.fan_rpm[nct6798/fan2]': 1100,
      'sensor.temp_celsius[nvme0/Composite]': 36.9,
      'sensor.temp_celsius[nvme1/Composite]': 41.9,
    });
    // The GPU's zero-RPM fan starts, then stops again: from then on it is a fan that reads 0.
    const gpuFan = join(root, 'devices/pci0000:00/0000:00:03.1/0000:09:00.0/hwmon/hwmon1/fan1_input');
    await writeFile(gpuFan, '1500\n');
    expect(await hwmon.collect()).toMatchObject({ 'sensor.fan_rpm[amdgpu/fan1]': 1500 });
    await writeFile(gpuFan, '0\n');
    expect(await hwmon.collect()).toMatchObject({ 'sensor.fan_rpm[amdgpu/fan1]': 0 });
  });

  it('a Raspberry Pi; and a machine without sensors has no such series', async () => {
    const pi = new LinuxHwmonCollector({ sysRoot: await sysfs(RASPBERRY_PI) });
    expect(await pi.collect()).toEqual({ 'sensor.temp_celsius[cpu_thermal/temp1]': 48.3 });
    const vm = new LinuxHwmonCollector({ sysRoot: await sysfs({ 'class/net/eth0/mtu': '1500' }) });
    expect(await vm.collect()).toEqual({});
  });
});

describe('power', () => {
  it('RAPL: package watts from the energy counter over time, across its wrap; psys and subzones are not the package', async () => {
    const root = await sysfs(INTEL_LAPTOP);
    const rapl = new LinuxRaplCollector({ sysRoot: root });
    expect(await rapl.collect(0)).toEqual({});
    // 150 J in 10 s, the counter passing max_energy_range_uj (262143328850) on the way.
    await writeFile(join(root, 'devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj'), '149671150\n');
    expect(await rapl.collect(10_000)).toEqual({ 'power.cpu_package_watts[package-0]': 15 });
    rapl.reset();
    expect(await rapl.collect(20_000)).toEqual({});
  });

  it('RAPL absent (an AMD board on an older kernel), or energy_uj not readable: no series', async () => {
    const rapl = new LinuxRaplCollector({ sysRoot: await sysfs(AMD_DESKTOP) });
    expect(await rapl.collect(0)).toEqual({});
    expect(await rapl.collect(10_000)).toEqual({});
  });

  it('GPU power from the card’s hwmon, beside its utilisation and memory', async () => {
    expect(await readDrmGpus(await sysfs(AMD_DESKTOP))).toEqual({
      'gpu.util[0]': 7,
      'gpu.mem_used[0]': 1_073_741_824,
      'gpu.mem_total[0]': 8_589_934_592,
      'power.gpu_watts[0]': 35,
    });
  });
});

describe('cpufreq', () => {
  it('each core’s clock in Hz, through the policy links', async () => {
    const freq = new LinuxCpuFreqCollector({ sysRoot: await sysfs(INTEL_LAPTOP) });
    expect(await freq.collect()).toEqual({
      'cpu.freq_hz[0]': 3_400_000_000,
      'cpu.freq_hz[1]': 1_200_000_000,
      'cpu.freq_hz[2]': 800_000_000,
      'cpu.freq_hz[3]': 2_100_000_000,
    });
    await freq.close();
    const none = new LinuxCpuFreqCollector({ sysRoot: await sysfs({ 'devices/system/cpu/cpu0/online': '1' }) });
    expect(await none.collect()).toEqual({});
    await none.close();
  });
});

describe('battery health', () => {
  it('a laptop counted in energy: cycles, full against design, power drawn', async () => {
    const health = new LinuxBatteryHealthCollector({ sysRoot: await sysfs(INTEL_LAPTOP) });
    expect(await health.collect()).toEqual({
      'battery.cycle_count': 312,
      'battery.full_wh': 48.2,
      'battery.design_wh': 57,
      'battery.health_pct': (48.2 / 57) * 100,
      'battery.power_watts': 9.3,
    });
  });

  it('a battery counted in charge: µAh times the design voltage; power from current × voltage', async () => {
    const health = new LinuxBatteryHealthCollector({ sysRoot: await sysfs(RASPBERRY_PI) });
    const values = await health.collect();
    expect(Object.keys(values).sort()).toEqual([
      'battery.design_wh',
      'battery.full_wh',
      'battery.health_pct',
      'battery.power_watts',
    ]);
    expect(values['battery.full_wh']).toBeCloseTo(2.8 * 3.7, 10);
    expect(values['battery.design_wh']).toBeCloseTo(3.5 * 3.7, 10);
    expect(values['battery.health_pct']).toBeCloseTo(80, 10);
    expect(values['battery.power_watts']).toBeCloseTo(2, 10);
  });

  it('a wireless mouse’s battery is not the machine’s', async () => {
    const root = await sysfs(AMD_DESKTOP);
    expect(await new LinuxBatteryHealthCollector({ sysRoot: root }).collect()).toEqual({});
    expect((await readSysfsBattery(root)).hasBattery).toBe(false);
  });
});
