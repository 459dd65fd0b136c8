import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinuxGpuCollector, readDrmGpus } from './gpu-linux.js';
import { LinuxTemperatureCollector, readLinuxCpuTemperature } from './temperature-linux.js';

let sys: string;

beforeEach(async () => {
  sys = await mkdtemp(join(tmpdir(), 'dashlight-sys-'));
});
afterEach(async () => {
  await rm(sys, { recursive: true, force: true });
});

async function files(tree: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(tree)) {
    await mkdir(dirname(join(sys, path)), { recursive: true });
    await writeFile(join(sys, path), `${text}\n`);
  }
}

describe('readLinuxCpuTemperature', () => {
  it('prefers the Intel package sensor over cores and ignores non-CPU chips', async () => {
    await files({
      'class/hwmon/hwmon0/name': 'acpitz',
      'class/hwmon/hwmon0/temp1_input': '27800',
      'class/hwmon/hwmon1/name': 'nvme',
      'class/hwmon/hwmon1/temp1_input': '38850',
      'class/hwmon/hwmon2/name': 'coretemp',
      'class/hwmon/hwmon2/temp1_label': 'Package id 0',
      'class/hwmon/hwmon2/temp1_input': '47000',
      'class/hwmon/hwmon2/temp2_label': 'Core 0',
      'class/hwmon/hwmon2/temp2_input': '52000',
    });
    expect(await readLinuxCpuTemperature(sys)).toBe(47);
  });

  it('prefers Tdie over Tctl on AMD, and uses the hottest core without a package sensor', async () => {
    await files({
      'class/hwmon/hwmon0/name': 'k10temp',
      'class/hwmon/hwmon0/temp1_label': 'Tctl',
      'class/hwmon/hwmon0/temp1_input': '75250',
      'class/hwmon/hwmon0/temp2_label': 'Tdie',
      'class/hwmon/hwmon0/temp2_input': '48250',
    });
    expect(await readLinuxCpuTemperature(sys)).toBe(48.3);
    await rm(join(sys, 'class'), { recursive: true });
    await files({
      'class/hwmon/hwmon0/name': 'coretemp',
      'class/hwmon/hwmon0/temp2_label': 'Core 0',
      'class/hwmon/hwmon0/temp2_input': '51000',
      'class/hwmon/hwmon0/temp3_label': 'Core 1',
      'class/hwmon/hwmon0/temp3_input': '55000',
    });
    expect(await readLinuxCpuTemperature(sys)).toBe(55);
  });

  it('falls back to a CPU thermal zone, skipping implausible readings', async () => {
    await files({
      'class/thermal/thermal_zone0/type': 'acpitz',
      'class/thermal/thermal_zone0/temp': '30000',
      'class/thermal/thermal_zone1/type': 'x86_pkg_temp',
      'class/thermal/thermal_zone1/temp': '-128000',
      'class/thermal/thermal_zone2/type': 'cpu-thermal',
      'class/thermal/thermal_zone2/temp': '61234',
    });
    expect(await readLinuxCpuTemperature(sys)).toBe(61.2);
  });

  it('emits nothing where sysfs exposes no sensor (VMs, containers)', async () => {
    expect(await new LinuxTemperatureCollector({ sysRoot: sys }).collect()).toEqual({});
    await files({ 'class/hwmon/hwmon0/name': 'cpu_thermal', 'class/hwmon/hwmon0/temp1_input': '44000' });
    expect(await new LinuxTemperatureCollector({ sysRoot: sys }).collect()).toEqual({ 'temp.cpu': 44 });
  });
});

describe('Linux GPU', () => {
  it('reads amdgpu utilisation and VRAM from DRM sysfs, skipping connectors and cards without the file', async () => {
    await files({
      'class/drm/card0/device/vendor': '0x8086',
      'class/drm/card0-eDP-1/status': 'connected',
      'class/drm/card1/device/gpu_busy_percent': '37',
      'class/drm/card1/device/mem_info_vram_used': '1073741824',
      'class/drm/card1/device/mem_info_vram_total': '8589934592',
    });
    expect(await readDrmGpus(sys)).toEqual({
      'gpu.util[0]': 37,
      'gpu.mem_used[0]': 1073741824,
      'gpu.mem_total[0]': 8589934592,
    });
  });

  it('uses DRM without ever calling systeminformation when it reports', async () => {
    await files({ 'class/drm/card0/device/gpu_busy_percent': '5' });
    let graphicsCalls = 0;
    const gpu = new LinuxGpuCollector({
      sysRoot: sys,
      graphics: async () => {
        graphicsCalls += 1;
        return { controllers: [] };
      },
    });
    expect(await gpu.collect()).toEqual({ 'gpu.util[0]': 5 });
    expect(await gpu.collect()).toEqual({ 'gpu.util[0]': 5 });
    expect(graphicsCalls).toBe(0);
  });

  it('with the NVIDIA driver loaded, falls back to a single systeminformation probe and stops when nothing reports utilisation', async () => {
    let graphicsCalls = 0;
    const marker = join(sys, 'nvidia-version');
    await writeFile(marker, 'NVRM version: 550\n');
    const gpu = new LinuxGpuCollector({
      sysRoot: sys,
      nvidiaMarker: marker,
      graphics: async () => {
        graphicsCalls += 1;
        return { controllers: [{ vendor: 'NVIDIA', model: 'T4', bus: 'PCI', vram: 16384, vramDynamic: false }] };
      },
    });
    for (let i = 0; i < 3; i++) expect(await gpu.collect()).toEqual({});
    expect(graphicsCalls).toBe(1);
  });

  it('without amdgpu or the NVIDIA driver, never asks systeminformation', async () => {
    let graphicsCalls = 0;
    const gpu = new LinuxGpuCollector({
      sysRoot: sys,
      nvidiaMarker: join(sys, 'no-such-file'),
      graphics: async () => {
        graphicsCalls += 1;
        return { controllers: [] };
      },
    });
    for (let i = 0; i < 3; i++) expect(await gpu.collect()).toEqual({});
    expect(graphicsCalls).toBe(0);
  });
});
