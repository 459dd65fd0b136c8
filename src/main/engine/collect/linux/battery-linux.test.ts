import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batteryValues } from '../battery.js';
import { readSysfsBattery } from './battery-linux.js';

async function sysfs(supplies: Record<string, Record<string, string>>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dashlight-sys-'));
  for (const [name, files] of Object.entries(supplies)) {
    const dir = join(root, 'class/power_supply', name);
    await mkdir(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), `${text}\n`);
  }
  return root;
}

describe('readSysfsBattery', () => {
  it('reads percent and time left from energy counters while discharging', async () => {
    const root = await sysfs({
      AC: { type: 'Mains', online: '0' },
      BAT0: {
        type: 'Battery',
        present: '1',
        status: 'Discharging',
        capacity: '80',
        energy_now: '40000000',
        energy_full: '50000000',
        power_now: '10000000',
      },
    });
    const data = await readSysfsBattery(root);
    expect(data).toEqual({ hasBattery: true, percent: 80, isCharging: false, timeRemaining: 240 });
    expect(batteryValues(data)).toEqual({ 'battery.percent': 80, 'battery.charging': 0, 'battery.time_left': 14_400 });
  });

  it('sums two packs using charge counters, and gives no time left while charging', async () => {
    const root = await sysfs({
      BAT0: {
        type: 'Battery',
        status: 'Charging',
        charge_now: '1000000',
        charge_full: '4000000',
        current_now: '500000',
      },
      BAT1: { type: 'Battery', status: 'Unknown', charge_now: '3000000', charge_full: '4000000', current_now: '0' },
    });
    const data = await readSysfsBattery(root);
    expect(data.percent).toBe(50);
    expect(data.isCharging).toBe(true);
    expect(batteryValues(data)).toEqual({ 'battery.percent': 50, 'battery.charging': 1 });
  });

  it('reports no battery on a desktop or where sysfs has no power_supply class', async () => {
    expect((await readSysfsBattery(await sysfs({ AC: { type: 'Mains' } }))).hasBattery).toBe(false);
    expect((await readSysfsBattery(join(tmpdir(), 'dashlight-nowhere'))).hasBattery).toBe(false);
    expect((await readSysfsBattery(await sysfs({ BAT0: { type: 'Battery', present: '0' } }))).hasBattery).toBe(false);
  });
});
