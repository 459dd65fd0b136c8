/**
 * GPU utilisation and memory from systeminformation's graphics(). That call is expensive (on
 * Linux it runs lspci, dmidecode, nvidia-smi, clinfo, xdpyinfo, xrandr; on Windows PowerShell and
 * nvidia-smi), so it is probed once: if no controller reports utilizationGpu, GPU polling is
 * disabled for the session. gpu.*[i]: i is the index among controllers that report utilisation.
 *
 * @example
 * await new SiGpuCollector().collect(0) // { 'gpu.util[0]': 37, 'gpu.mem_used[0]': 1073741824, 'gpu.mem_total[0]': 8589934592 } or {}
 */
import { seriesKey } from '../../../shared/metrics.js';
import { loadSi, type Systeminformation } from './si.js';
import type { Collector, Values } from './types.js';

export type GraphicsReader = () => Promise<{
  readonly controllers: readonly Systeminformation.GraphicsControllerData[];
}>;

export interface SiGpuOptions {
  /** Injected in tests; defaults to si.graphics. */
  readonly graphics?: GraphicsReader;
}

const MIB = 1024 * 1024;

const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Maps graphics() controllers to series values (memory is reported in MiB). Pure. */
export function gpuValues(controllers: readonly Systeminformation.GraphicsControllerData[]): Values {
  const values: Values = {};
  controllers
    .filter((c) => finite(c.utilizationGpu))
    .forEach((c, i) => {
      const entity = String(i);
      values[seriesKey('gpu.util', entity)] = c.utilizationGpu ?? 0;
      if (finite(c.memoryUsed)) values[seriesKey('gpu.mem_used', entity)] = c.memoryUsed * MIB;
      if (finite(c.memoryTotal)) values[seriesKey('gpu.mem_total', entity)] = c.memoryTotal * MIB;
      // nvidia-smi's power.draw, in watts.
      if (finite(c.powerDraw)) values[seriesKey('power.gpu_watts', entity)] = c.powerDraw;
    });
  return values;
}

export class SiGpuCollector implements Collector {
  readonly name = 'gpu';
  readonly cadence = 'slow';
  private readonly read: GraphicsReader;
  private disabled = false;
  private probed = false;

  constructor(options: SiGpuOptions = {}) {
    this.read = options.graphics ?? (async () => (await loadSi()).graphics());
  }

  /** False once the probe found no GPU that reports utilisation. */
  get enabled(): boolean {
    return !this.disabled;
  }

  async collect(): Promise<Values> {
    if (this.disabled) return {};
    const first = !this.probed;
    this.probed = true;
    let values: Values;
    try {
      values = gpuValues((await this.read()).controllers);
    } catch (error) {
      if (first) this.disabled = true;
      throw error;
    }
    if (first && Object.keys(values).length === 0) this.disabled = true;
    return values;
  }

  reset(): void {
    // Nothing remembered between readings; the probe verdict outlives gaps on purpose.
  }
}
