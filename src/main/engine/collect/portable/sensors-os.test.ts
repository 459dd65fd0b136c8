/** What systeminformation offers off Linux, from injected readings (its macOS and Windows code cannot run here). */
import { describe, expect, it } from 'vitest';
import { batteryHealthValues } from '../battery.js';
import { OsMemoryDetailCollector } from './memory-detail-os.js';
import { temperatureValues } from './temperature-os.js';
import { OsUptimeCollector } from './uptime-os.js';

describe('temperatures from cpuTemperature()', () => {
  it('every core, socket and the chipset, beside temp.cpu; -1 and null are not readings', () => {
    expect(temperatureValues({ main: 61, cores: [58, 63, -1], socket: [61], chipset: 44 })).toEqual({
      'temp.cpu': 61,
      'sensor.temp_celsius[cpu/Core 0]': 58,
      'sensor.temp_celsius[cpu/Core 1]': 63,
      'sensor.temp_celsius[cpu/Socket 0]': 61,
      'sensor.temp_celsius[chipset/Chipset]': 44,
    });
    expect(temperatureValues({ main: null, cores: [], socket: [], chipset: null })).toEqual({});
  });
});

describe('battery health from battery()', () => {
  const base = { hasBattery: true, percent: 80, isCharging: false, timeRemaining: 100 };
  it('Windows reports mWh', () => {
    expect(
      batteryHealthValues({
        ...base,
        cycleCount: 0,
        maxCapacity: 45_000,
        designedCapacity: 50_000,
        capacityUnit: 'mWh',
      }),
    ).toEqual({ 'battery.full_wh': 45, 'battery.design_wh': 50, 'battery.health_pct': 90 });
  });
  it('macOS reports mAh, turned into Wh with the voltage', () => {
    const values = batteryHealthValues({
      ...base,
      cycleCount: 120,
      maxCapacity: 5000,
      designedCapacity: 6000,
      capacityUnit: 'mAh',
      voltage: 11.4,
    });
    expect(values['battery.cycle_count']).toBe(120);
    expect(values['battery.full_wh']).toBeCloseTo(57, 10);
    expect(values['battery.design_wh']).toBeCloseTo(68.4, 10);
  });
  it('no capacities, no health', () => {
    expect(batteryHealthValues(base)).toEqual({});
  });
});

describe('uptime and memory detail', () => {
  it('uptime from os.uptime()', async () => {
    expect(await new OsUptimeCollector(() => 86_412).collect()).toEqual({ 'system.uptime_seconds': 86_412 });
  });
  it('macOS cache from si.mem(); Windows has none', async () => {
    const mem = async () => ({ buffcache: 3_221_225_472 });
    expect(await new OsMemoryDetailCollector({ platform: 'darwin', mem }).collect()).toEqual({
      'mem.cached_bytes': 3_221_225_472,
    });
    expect(await new OsMemoryDetailCollector({ platform: 'win32', mem }).collect()).toEqual({});
  });
});
