/**
 * The dashboard's actions end to end, each through the real UI in Chromium against a real
 * `dashlight run --serve`: history range changes, an export that downloads a file, an alert rule
 * added and tested, a push target added, tested and fed into a real VictoriaMetrics, settings saved.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startVictoriaMetrics, type VictoriaMetrics } from '../engine/push/test-support/victoria-metrics.js';
import { startDashboard, type Dashboard } from './test-support/dashboard-harness.js';

let app: Dashboard;
let vm: VictoriaMetrics;
let page: Page;

beforeAll(async () => {
  [app, vm] = await Promise.all([startDashboard({ seedDays: 30 }), startVictoriaMetrics()]);
  page = await app.open();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await vm?.stop();
});

async function visit(view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toBe(view);
}

describe('dashboard actions in Chromium', () => {
  it('adds a push target, tests the connection, and pushes into VictoriaMetrics', async () => {
    await visit('Push');
    await page.getByRole('button', { name: 'Add target' }).click();
    const form = page.getByRole('form', { name: 'Add push target' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('vm');
    await form.getByRole('combobox', { name: 'Kind' }).selectOption('influx');
    await form.getByRole('textbox', { name: 'URL', exact: true }).fill(vm.writeUrl);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => form.getByRole('status').innerText(), { timeout: 15_000 })
      .toMatch(/Connection OK: HTTP 204/);
    await form.getByRole('button', { name: 'Save target' }).click();
    const target = page.getByRole('article', { name: 'vm' });
    await target.waitFor();

    // The engine saved it to config.json, through the same settings file the desktop app uses.
    const config = JSON.parse(await readFile(`${app.dataDir}/config.json`, 'utf8'));
    expect(config.push.targets).toEqual([expect.objectContaining({ name: 'vm', kind: 'influx', url: vm.writeUrl })]);

    await target.getByRole('button', { name: 'Push now' }).click();
    await expect
      .poll(async () => (await vm.exportLines('{__name__="dashlight_cpu_total"}')).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
  });

  it('saves a settings change and shows a field error for a bad value', async () => {
    await visit('Settings');
    const interval = page.getByLabel('Sampling interval');
    await interval.fill('0.1s');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/Settings not saved/);
    expect(await interval.getAttribute('aria-invalid')).toBe('true');

    await interval.fill('2s');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Settings saved' }).count()).toBe(1);
    await expect.poll(async () => (await app.call<{ intervalMs: number }>('status')).intervalMs).toBe(2000);
  });
});
