/**
 * sysfs of a few machines, modelled on the kernel's ABI documentation
 * (Documentation/ABI/testing/sysfs-class-hwmon, sysfs-class-power, sysfs-class-powercap,
 * sysfs-devices-system-cpu) and on what those drivers publish: units are millidegrees, RPM, µW,
 * µWh, µAh, µV, µJ and kHz, and the folders are symlinks into /sys/devices as on a real machine.
 *
 * - INTEL_LAPTOP: coretemp, acpitz, nvme, iwlwifi, thinkpad fans (one header empty), a battery
 *   counted in energy (µWh), RAPL package and psys zones, cpufreq for four cores.
 * - AMD_DESKTOP: k10temp Tctl/Tccd1, amdgpu (edge, junction, mem, an idle zero-RPM fan, power),
 *   a Super I/O chip (nct6798) with an empty fan header and a disconnected input, two NVMe
 *   drives, a wireless mouse's battery, no RAPL.
 * - RASPBERRY_PI: cpu_thermal only, a voltage monitor with no temperature, a battery counted in
 *   charge (µAh) from a UPS hat.
 */
import { cpufreq, hwmon, type SysfsTree } from './sysfs-tree.js';

const NVME0 = 'devices/pci0000:00/0000:00:1d.0/0000:04:00.0/nvme/nvme0';

export const INTEL_LAPTOP: SysfsTree = {
  ...hwmon(0, 'devices/virtual/thermal/thermal_zone0', { name: 'acpitz', temp1_input: '27800', temp1_crit: '128000' }),
  ...hwmon(3, NVME0, {
    name: 'nvme',
    temp1_label: 'Composite',
    temp1_input: '38850',
    temp1_crit: '84850',
    temp2_label: 'Sensor 1',
    temp2_input: '38850',
    temp3_label: 'Sensor 2',
    temp3_input: '42850',
  }),
  ...hwmon(4, 'devices/platform/coretemp.0', {
    name: 'coretemp',
    temp1_label: 'Package id 0',
    temp1_input: '52000',
    temp1_crit: '100000',
    temp2_label: 'Core 0',
    temp2_input: '49000',
    temp3_label: 'Core 1',
    temp3_input: '51000',
  }),
  ...hwmon(5, 'devices/pci0000:00/0000:00:14.3', { name: 'iwlwifi_1', temp1_input: '44000' }),
  ...hwmon(6, 'devices/platform/thinkpad_hwmon', {
    name: 'thinkpad',
    fan1_input: '2400',
    fan2_input: '0',
    temp1_input: '50000',
  }),
  'class/power_supply/AC': { link: '../../devices/LNXSYSTM:00/ACPI0003:00/power_supply/AC' },
  'devices/LNXSYSTM:00/ACPI0003:00/power_supply/AC/type': 'Mains',
  'devices/LNXSYSTM:00/ACPI0003:00/power_supply/AC/online': '0',
  'class/power_supply/BAT0': { link: '../../devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0' },
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/type': 'Battery',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/present': '1',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/status': 'Discharging',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/cycle_count': '312',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/energy_full': '48200000',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/energy_full_design': '57000000',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/energy_now': '30000000',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/power_now': '9300000',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/voltage_now': '11800000',
  'devices/LNXSYSTM:00/PNP0C0A:00/power_supply/BAT0/capacity': '62',
  'class/powercap/intel-rapl': { link: '../../devices/virtual/powercap/intel-rapl' },
  'class/powercap/intel-rapl:0': { link: '../../devices/virtual/powercap/intel-rapl/intel-rapl:0' },
  'devices/virtual/powercap/intel-rapl/intel-rapl:0/name': 'package-0',
  'devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj': '262143000000',
  'devices/virtual/powercap/intel-rapl/intel-rapl:0/max_energy_range_uj': '262143328850',
  'class/powercap/intel-rapl:0:0': { link: '../../devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0' },
  'devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0/name': 'core',
  'devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0/energy_uj': '1000000',
  'class/powercap/intel-rapl:1': { link: '../../devices/virtual/powercap/intel-rapl/intel-rapl:1' },
  'devices/virtual/powercap/intel-rapl/intel-rapl:1/name': 'psys',
  'devices/virtual/powercap/intel-rapl/intel-rapl:1/energy_uj': '5000000',
  ...cpufreq([3_400_000, 1_200_000, 800_000, 2_100_000]),
};

const GPU = 'devices/pci0000:00/0000:00:03.1/0000:09:00.0';

export const AMD_DESKTOP: SysfsTree = {
  ...hwmon(0, 'devices/pci0000:00/0000:00:18.3', {
    name: 'k10temp',
    temp1_label: 'Tctl',
    temp1_input: '65250',
    temp3_label: 'Tccd1',
    temp3_input: '58500',
  }),
  ...hwmon(1, GPU, {
    name: 'amdgpu',
    temp1_label: 'edge',
    temp1_input: '45000',
    temp2_label: 'junction',
    temp2_input: '47000',
    temp3_label: 'mem',
    temp3_input: '50000',
    fan1_input: '0',
    power1_average: '35000000',
  }),
  ...hwmon(2, 'devices/platform/nct6775.656', {
    name: 'nct6798',
    fan1_input: '0',
    fan2_input: '1100',
    temp1_label: 'SYSTIN',
    temp1_input: '38000',
    temp2_label: 'CPUTIN',
    temp2_input: '40000',
    temp7_label: 'AUXTIN3',
    temp7_input: '-62000',
  }),
  ...hwmon(3, 'devices/pci0000:00/0000:00:01.2/0000:02:00.0/nvme/nvme1', {
    name: 'nvme',
    temp1_label: 'Composite',
    temp1_input: '41850',
  }),
  ...hwmon(4, 'devices/pci0000:00/0000:00:01.1/0000:01:00.0/nvme/nvme0', {
    name: 'nvme',
    temp1_label: 'Composite',
    temp1_input: '36850',
  }),
  'class/drm/card0': { link: `../../${GPU}/drm/card0` },
  [`${GPU}/drm/card0/device`]: { link: '../..' },
  [`${GPU}/gpu_busy_percent`]: '7',
  [`${GPU}/mem_info_vram_used`]: '1073741824',
  [`${GPU}/mem_info_vram_total`]: '8589934592',
  'class/power_supply/hidpp_battery_0': {
    link: '../../devices/virtual/hid/0003:046D:4082/power_supply/hidpp_battery_0',
  },
  'devices/virtual/hid/0003:046D:4082/power_supply/hidpp_battery_0/type': 'Battery',
  'devices/virtual/hid/0003:046D:4082/power_supply/hidpp_battery_0/scope': 'Device',
  'devices/virtual/hid/0003:046D:4082/power_supply/hidpp_battery_0/capacity_level': 'Normal',
  'devices/virtual/hid/0003:046D:4082/power_supply/hidpp_battery_0/voltage_now': '3900000',
  ...cpufreq([4_650_000, 3_600_000]),
};

export const RASPBERRY_PI: SysfsTree = {
  ...hwmon(0, 'devices/virtual/thermal/thermal_zone0', { name: 'cpu_thermal', temp1_input: '48312' }),
  ...hwmon(1, 'devices/platform/soc/soc:firmware/raspberrypi-hwmon', { name: 'rpi_volt', in0_lcrit_alarm: '0' }),
  'class/power_supply/ups-battery': { link: '../../devices/platform/soc/ups/power_supply/ups-battery' },
  'devices/platform/soc/ups/power_supply/ups-battery/type': 'Battery',
  'devices/platform/soc/ups/power_supply/ups-battery/present': '1',
  'devices/platform/soc/ups/power_supply/ups-battery/charge_full': '2800000',
  'devices/platform/soc/ups/power_supply/ups-battery/charge_full_design': '3500000',
  'devices/platform/soc/ups/power_supply/ups-battery/voltage_min_design': '3700000',
  'devices/platform/soc/ups/power_supply/ups-battery/current_now': '-500000',
  'devices/platform/soc/ups/power_supply/ups-battery/voltage_now': '4000000',
  ...cpufreq([1_500_000, 600_000, 600_000, 600_000]),
};
