/**
 * Process history and sensors in the dashboard, end to end: a real `dashlight run --serve` reading
 * this machine's processes and a laptop's sysfs (DASHLIGHT_SYSFS: this machine has no sensors), in
 * Debian's Chromium. Overview lists the apps running now and the sensors by chip; Stats lists the
 * top apps of its range; Settings shows process history and the probes. Screenshots go to
 * test-output/screenshots.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSysfs } from '../engine/collect/linux/test-support/sysfs-tree.js';
import { INTEL_LAPTOP } from '../engine/collect/linux/test-support/sysfs-machines.js';
import { screenshot, startDashboard, type Dashboard } from './test-support/dashboard-harness.js';

let app: Dashboard;
let sysfs: string;

beforeAll(async () => {
  sysfs = await writeSysfs(INTEL_LAPTOP);
  app = await startDashboard({
    seedDays: 1,
    config: { processes: { interval: '1s' }, sampling: { slowInterval: '5s' } },
    env: { DASHLIGHT_SYSFS: sysfs },
  });
}, 90_000);

afterAll(async () => {
  await app?.close();
  rmSync(sysfs, { recursive: true, force: true });
});

describe('process history and sensors in Chromium', () => {
  it('Overview: the apps running now, and the sensors by chip', async () => {
    const page = await app.open({ width: 1360, height: 1400 });
    const processes = page.getByRole('table', { name: 'Top processes, grouped by app' });
    // The engine serving the page is itself a running app: it is listed once a pass has run.
    await processes.getByRole('rowheader').first().waitFor({ timeout: 20_000 });
    expect(await processes.getByRole('rowheader').count()).toBeGreaterThan(0);
    const sensors = page.getByRole('region', { name: 'Sensors' });
    await sensors.getByRole('heading', { name: 'coretemp' }).waitFor({ timeout: 20_000 });
    expect(await sensors.getByRole('link', { name: 'Package id 0' }).count()).toBe(1);
    expect(await sensors.getByText('52.0 °C').count()).toBeGreaterThan(0);
    expect(await sensors.getByText('2,400 RPM').count()).toBe(1);
    await screenshot(page, 'overview-processes-sensors');
    expect(app.pageErrors()).toEqual([]);
  });

  it('Stats: the top apps of the range; Settings: process history and probes', async () => {
    const page = await app.open({ width: 1360, height: 1200 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Stats', exact: true }).click();
    const top = page.getByRole('region', { name: 'Top apps' });
    await top.getByRole('rowheader').first().waitFor({ timeout: 20_000 });
    await top.getByRole('button', { name: 'Memory' }).click();
    await top.getByRole('button', { name: 'Memory', pressed: true }).waitFor();
    await screenshot(page, 'stats-top-apps');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Processes and probes' });
    expect(await section.getByRole('checkbox', { name: /Record which processes were busy/ }).isChecked()).toBe(true);
    expect(await section.getByLabel('Process passes every').inputValue()).toBe('1s');
    expect(app.pageErrors()).toEqual([]);
  });
});
