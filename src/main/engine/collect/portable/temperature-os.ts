/**
 * CPU temperature off Linux from systeminformation's cpuTemperature(). macOS needs an optional
 * sensor module, Windows a WMI query (PowerShell, often admin-only), so many machines report
 * nothing (null, or -1 on some versions); after three empty readings polling stops for the session.
 *
 * @example
 * await new OsTemperatureCollector().collect(0) // { 'temp.cpu': 52 } or {}
 */
import { ProbeGate } from '../probe-gate.js';
import { loadSi } from '../si.js';
import type { Collector, Values } from '../types.js';

export interface OsTemperatureOptions {
  /** Injected in tests; defaults to si.cpuTemperature. */
  readonly cpuTemperature?: () => Promise<{ readonly main: number | null }>;
}

export class OsTemperatureCollector implements Collector {
  readonly name = 'temperature';
  readonly cadence = 'slow';
  private readonly read: () => Promise<{ readonly main: number | null }>;
  private readonly gate = new ProbeGate(3);

  constructor(options: OsTemperatureOptions = {}) {
    this.read = options.cpuTemperature ?? (async () => (await loadSi()).cpuTemperature());
  }

  async collect(): Promise<Values> {
    if (!this.gate.enabled) return {};
    const { main } = await this.read();
    const ok = typeof main === 'number' && Number.isFinite(main) && main > 0 && main < 150;
    this.gate.record(ok);
    return ok ? { 'temp.cpu': main } : {};
  }

  reset(): void {
    // Nothing remembered between readings; the probe verdict outlives gaps on purpose.
  }
}
