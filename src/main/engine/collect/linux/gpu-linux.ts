/**
 * GPU on Linux. AMD (amdgpu) publishes utilisation and VRAM in sysfs
 * (/sys/class/drm/cardN/device/gpu_busy_percent, mem_info_vram_used/total), which costs no process,
 * so that is used when present. With the NVIDIA driver loaded it falls back to the probe-once
 * systeminformation path (nvidia-smi), which disables itself when nothing reports utilisation.
 * Anything else (Intel, no GPU) reports nothing, and systeminformation is never loaded: on Linux
 * si.graphics() reports utilisation only through nvidia-smi, and loading it costs ~10 MB.
 *
 * @example
 * await new LinuxGpuCollector().collect(0) // { 'gpu.util[0]': 12, 'gpu.mem_used[0]': ..., 'gpu.mem_total[0]': ... } or {}
 */
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { seriesKey } from '../../../../shared/metrics.js';
import { naturalCompare } from '../../../../shared/text-collation.js';
import { SiGpuCollector, type SiGpuOptions } from '../gpu-si.js';
import type { Collector, Values } from '../types.js';
import { isAbsentError, readProcDir, readProcNumber } from './read-proc.js';
import type { SysfsOptions } from './temperature-linux.js';

/** GPU values from DRM sysfs; `gpu.*[i]` counts cards that report utilisation, in card order. */
export async function readDrmGpus(sysRoot = '/sys'): Promise<Values> {
  const base = join(sysRoot, 'class/drm');
  let cards: string[];
  try {
    cards = (await readdir(base)).filter((c) => /^card\d+$/.test(c)).sort(naturalCompare);
  } catch (error) {
    if (isAbsentError(error)) return {};
    throw error;
  }
  const values: Values = {};
  let index = 0;
  for (const card of cards) {
    const device = join(base, card, 'device');
    const busy = await readProcNumber(device, 'gpu_busy_percent');
    if (busy === undefined) continue;
    const entity = String(index++);
    values[seriesKey('gpu.util', entity)] = busy;
    const used = await readProcNumber(device, 'mem_info_vram_used');
    const total = await readProcNumber(device, 'mem_info_vram_total');
    if (used !== undefined) values[seriesKey('gpu.mem_used', entity)] = used;
    if (total !== undefined) values[seriesKey('gpu.mem_total', entity)] = total;
    const watts = await gpuPowerWatts(device);
    if (watts !== undefined) values[seriesKey('power.gpu_watts', entity)] = watts;
  }
  return values;
}

/**
 * The card's power draw from its hwmon (amdgpu: power1_average, or power1_input on newer
 * parts; µW, per the hwmon ABI); undefined when the driver does not publish one.
 */
async function gpuPowerWatts(device: string): Promise<number | undefined> {
  for (const hwmon of (await readProcDir(join(device, 'hwmon'))).sort()) {
    const microwatts =
      (await readProcNumber(join(device, 'hwmon', hwmon), 'power1_average')) ??
      (await readProcNumber(join(device, 'hwmon', hwmon), 'power1_input'));
    if (microwatts !== undefined) return microwatts / 1e6;
  }
  return undefined;
}

export class LinuxGpuCollector implements Collector {
  readonly name = 'gpu';
  readonly cadence = 'slow';
  private readonly sysRoot: string;
  private readonly nvidiaMarker: string;
  private readonly fallback: SiGpuCollector;
  private source: 'unknown' | 'drm' | 'si' | 'none' = 'unknown';

  constructor(options: SysfsOptions & SiGpuOptions & { readonly nvidiaMarker?: string } = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
    this.nvidiaMarker = options.nvidiaMarker ?? '/proc/driver/nvidia/version';
    this.fallback = new SiGpuCollector(options);
  }

  async collect(): Promise<Values> {
    if (this.source === 'none') return {};
    if (this.source !== 'si') {
      const values = await readDrmGpus(this.sysRoot);
      if (Object.keys(values).length > 0 || this.source === 'drm') {
        this.source = 'drm';
        return values;
      }
      this.source = (await access(this.nvidiaMarker).then(
        () => true,
        () => false,
      ))
        ? 'si'
        : 'none';
      if (this.source === 'none') return {};
    }
    return this.fallback.collect();
  }

  reset(): void {
    this.fallback.reset();
  }
}
