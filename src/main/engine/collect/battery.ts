/**
 * Battery state from systeminformation's battery(): battery.percent, battery.charging (1/0) and,
 * while discharging, battery.time_left in seconds. On Linux it reads /sys/class/power_supply
 * (no process); on macOS it runs `pmset`/`ioreg`, on Windows PowerShell, so a machine that reports
 * no battery on the first three readings is not asked again this session.
 *
 * @example
 * await new BatteryCollector().collect(0) // { 'battery.percent': 81, 'battery.charging': 0, 'battery.time_left': 9000 }
 */
import { ProbeGate } from './probe-gate.js';
import { loadSi, type Systeminformation } from './si.js';
import type { Collector, Values } from './types.js';

export type BatteryReader = () => Promise<
  Pick<Systeminformation.BatteryData, 'hasBattery' | 'percent' | 'isCharging' | 'timeRemaining'>
>;

export interface BatteryOptions {
  /** Injected in tests; defaults to si.battery. */
  readonly battery?: BatteryReader;
}

/** Maps one battery() result to series values. Pure. */
export function batteryValues(data: Awaited<ReturnType<BatteryReader>>): Values {
  if (!data.hasBattery) return {};
  const values: Values = {};
  if (Number.isFinite(data.percent)) values['battery.percent'] = Math.min(100, Math.max(0, data.percent));
  values['battery.charging'] = data.isCharging ? 1 : 0;
  // timeRemaining is minutes; while charging it is not "time left", so it is only kept when discharging.
  if (!data.isCharging && Number.isFinite(data.timeRemaining) && data.timeRemaining > 0) {
    values['battery.time_left'] = data.timeRemaining * 60;
  }
  return values;
}

export class BatteryCollector implements Collector {
  readonly name = 'battery';
  readonly cadence = 'slow';
  private readonly read: BatteryReader;
  private readonly gate = new ProbeGate(3);

  constructor(options: BatteryOptions = {}) {
    this.read = options.battery ?? (async () => (await loadSi()).battery());
  }

  async collect(): Promise<Values> {
    if (!this.gate.enabled) return {};
    const values = batteryValues(await this.read());
    this.gate.record(Object.keys(values).length > 0);
    return values;
  }

  reset(): void {
    // Nothing remembered between readings; the probe verdict outlives gaps on purpose.
  }
}
