import { describe, expect, it } from 'vitest';
import { BatteryCollector, batteryValues, type BatteryReader } from './battery.js';
import { gpuValues, SiGpuCollector } from './gpu-si.js';
import { OsTemperatureCollector } from './portable/temperature-os.js';

type BatteryData = Awaited<ReturnType<BatteryReader>>;
const onBattery: BatteryData = { hasBattery: true, percent: 81, isCharging: false, timeRemaining: 150 };

describe('battery', () => {
  it('maps percent, charging and time left (minutes -> seconds) while discharging', () => {
    expect(batteryValues(onBattery)).toEqual({
      'battery.percent': 81,
      'battery.charging': 0,
      'battery.time_left': 9000,
    });
  });

  it('leaves time_left out while charging or unknown, and everything out without a battery', () => {
    expect(batteryValues({ ...onBattery, isCharging: true })).toEqual({ 'battery.percent': 81, 'battery.charging': 1 });
    expect(batteryValues({ ...onBattery, timeRemaining: -1 })).toEqual({
      'battery.percent': 81,
      'battery.charging': 0,
    });
    expect(batteryValues({ ...onBattery, hasBattery: false })).toEqual({});
  });

  it('stops asking after three readings without a battery', async () => {
    let calls = 0;
    const collector = new BatteryCollector({
      battery: async () => {
        calls += 1;
        return { ...onBattery, hasBattery: false };
      },
    });
    for (let i = 0; i < 5; i++) await collector.collect();
    expect(calls).toBe(3);
  });

  it('keeps polling once a battery has been seen', async () => {
    let calls = 0;
    const collector = new BatteryCollector({
      battery: async () => {
        calls += 1;
        return { ...onBattery, hasBattery: calls === 1 };
      },
    });
    for (let i = 0; i < 5; i++) await collector.collect();
    expect(calls).toBe(5);
  });
});

describe('GPU via systeminformation', () => {
  it('maps controllers that report utilisation, with MiB converted to bytes', () => {
    expect(
      gpuValues([
        { vendor: 'Intel', model: 'UHD', bus: '', vram: 128, vramDynamic: true },
        {
          vendor: 'NVIDIA',
          model: 'RTX',
          bus: 'PCIe',
          vram: 8192,
          vramDynamic: false,
          utilizationGpu: 37,
          memoryUsed: 1024,
          memoryTotal: 8192,
        },
      ]),
    ).toEqual({ 'gpu.util[0]': 37, 'gpu.mem_used[0]': 1024 ** 3, 'gpu.mem_total[0]': 8 * 1024 ** 3 });
  });

  it('keeps polling when the probe finds utilisation', async () => {
    let calls = 0;
    const gpu = new SiGpuCollector({
      graphics: async () => {
        calls += 1;
        return {
          controllers: [
            { vendor: 'NVIDIA', model: 'RTX', bus: '', vram: 0, vramDynamic: false, utilizationGpu: calls },
          ],
        };
      },
    });
    await gpu.collect();
    expect(await gpu.collect()).toEqual({ 'gpu.util[0]': 2 });
    expect(gpu.enabled).toBe(true);
  });

  it('disables itself for the session when the probe throws', async () => {
    const gpu = new SiGpuCollector({
      graphics: async () => {
        throw new Error('lspci missing');
      },
    });
    await expect(gpu.collect()).rejects.toThrow('lspci missing');
    expect(gpu.enabled).toBe(false);
    expect(await gpu.collect()).toEqual({});
  });
});

describe('temperature via systeminformation', () => {
  it('reports a real reading and treats null and -1 as not reported', async () => {
    const readings: Array<number | null> = [52, -1, null];
    const collector = new OsTemperatureCollector({ cpuTemperature: async () => ({ main: readings.shift() ?? null }) });
    expect(await collector.collect()).toEqual({ 'temp.cpu': 52 });
    expect(await collector.collect()).toEqual({});
    expect(await collector.collect()).toEqual({});
  });

  it('stops asking after three empty readings', async () => {
    let calls = 0;
    const collector = new OsTemperatureCollector({
      cpuTemperature: async () => {
        calls += 1;
        return { main: null };
      },
    });
    for (let i = 0; i < 6; i++) await collector.collect();
    expect(calls).toBe(3);
  });
});
