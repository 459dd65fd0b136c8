/**
 * Temperatures off Linux from systeminformation's cpuTemperature(): the CPU's main reading as
 * `temp.cpu`, and every core, socket and the chipset it reports as `sensor.temp_celsius[…]`.
 * macOS needs an optional sensor module, Windows a WMI query (PowerShell, often admin-only), so
 * many machines report nothing (null, or -1 on some versions); after three empty readings polling
 * stops for the session. si offers no fan speeds on either OS.
 *
 * @example
 * await new OsTemperatureCollector().collect(0) // { 'temp.cpu': 52, 'sensor.temp_celsius[cpu/Core 0]': 50 } or {}
 */
import { seriesKey } from '../../../../shared/metrics.js';
import { ProbeGate } from '../probe-gate.js';
import { loadSi } from '../si.js';
import type { Collector, Values } from '../types.js';

/** cpuTemperature()'s fields; `main` (and `chipset`) are null where nothing was read. */
interface TemperatureReading {
  readonly main: number | null;
  readonly cores?: readonly number[];
  readonly socket?: readonly number[];
  readonly chipset?: number | null;
}

export interface OsTemperatureOptions {
  /** Injected in tests; defaults to si.cpuTemperature. */
  readonly cpuTemperature?: () => Promise<TemperatureReading>;
}

const plausible = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 150;

/** Maps one cpuTemperature() reading to series values. Pure. */
export function temperatureValues(reading: TemperatureReading): Values {
  const values: Values = {};
  if (plausible(reading.main)) values['temp.cpu'] = reading.main;
  (reading.cores ?? []).forEach((value, i) => {
    if (plausible(value)) values[seriesKey('sensor.temp_celsius', `cpu/Core ${i}`)] = value;
  });
  (reading.socket ?? []).forEach((value, i) => {
    if (plausible(value)) values[seriesKey('sensor.temp_celsius', `cpu/Socket ${i}`)] = value;
  });
  if (plausible(reading.chipset)) values[seriesKey('sensor.temp_celsius', 'chipset/Chipset')] = reading.chipset;
  return values;
}

export class OsTemperatureCollector implements Collector {
  readonly name = 'temperature';
  readonly cadence = 'slow';
  private readonly read: () => Promise<TemperatureReading>;
  private readonly gate = new ProbeGate(3);

  constructor(options: OsTemperatureOptions = {}) {
    this.read = options.cpuTemperature ?? (async () => (await loadSi()).cpuTemperature());
  }

  async collect(): Promise<Values> {
    if (!this.gate.enabled) return {};
    const values = temperatureValues(await this.read());
    this.gate.record(Object.keys(values).length > 0);
    return values;
  }

  reset(): void {
    // Nothing remembered between readings; the probe verdict outlives gaps on purpose.
  }
}
