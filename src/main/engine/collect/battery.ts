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
  Pick<Systeminformation.BatteryData, 'hasBattery' | 'percent' | 'isCharging' | 'timeRemaining'> &
    Partial<
      Pick<
        Systeminformation.BatteryData,
        'cycleCount' | 'maxCapacity' | 'designedCapacity' | 'capacityUnit' | 'voltage'
      >
    >
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
  return { ...values, ...batteryHealthValues(data) };
}

/**
 * Off Linux, si.battery()'s health: cycles, and capacity when full against the design one, in
 * mWh (Windows) or mAh (macOS, turned into Wh with the battery's voltage). si has no power draw.
 */
export function batteryHealthValues(data: Awaited<ReturnType<BatteryReader>>): Values {
  const values: Values = {};
  if (typeof data.cycleCount === 'number' && data.cycleCount > 0) values['battery.cycle_count'] = data.cycleCount;
  const wh = (capacity: number | undefined): number | undefined => {
    if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity <= 0) return undefined;
    if (data.capacityUnit === 'mWh') return capacity / 1000;
    if (data.capacityUnit === 'mAh' && typeof data.voltage === 'number' && data.voltage > 0)
      return (capacity / 1000) * data.voltage;
    return undefined;
  };
  const full = wh(data.maxCapacity);
  const design = wh(data.designedCapacity);
  if (full !== undefined) values['battery.full_wh'] = full;
  if (design !== undefined) values['battery.design_wh'] = design;
  if (full !== undefined && design !== undefined) values['battery.health_pct'] = (full / design) * 100;
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
