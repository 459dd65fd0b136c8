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
  it('exports the last hour as CSV, which the browser downloads', async () => {
    await visit('Export');
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '1 h', exact: true }).click();
    await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^dashlight-.*\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^ts,ts_ms,/);
    expect(lines[0]).toContain('cpu.total_pct');
    // The seeded month's last raw hour plus the samples taken since the engine started.
    expect(lines.length).toBeGreaterThan(10);
    await expect.poll(() => page.getByText('Export finished.').count()).toBe(1);
    // Streamed as it was made: no link to fetch it again, nothing kept on the server.
    expect(await page.getByRole('link', { name: 'Download' }).count()).toBe(0);
  });

  it('adds an alert rule (after fixing a field the engine refused) and tests it', async () => {
    await visit('Alerts');
    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByRole('region', { name: 'New rule' });
    await editor.getByLabel('Name', { exact: true }).fill('Busy CPU (e2e)');
    await editor.getByLabel('Metric', { exact: true }).selectOption('cpu.total');
    await editor.getByLabel('Warning', { exact: true }).fill('95');
    await editor.getByLabel('Critical', { exact: true }).fill('90');
    await editor.getByLabel('For', { exact: true }).fill('1m');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => editor.getByRole('alert').innerText()).toMatch(/The rule was not saved/);
    expect(await editor.getByLabel('Warning', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await editor.getByLabel('Warning', { exact: true }).fill('80');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => page.getByText('Saved rule Busy CPU (e2e).').count()).toBe(1);
    const rules = await app.call<{ rules: { rule: { name: string; warning: number; critical: number } }[] }>(
      'listRules',
    );
    expect(rules.rules.map((r) => r.rule)).toContainEqual(
      expect.objectContaining({ name: 'Busy CPU (e2e)', warning: 80, critical: 90 }),
    );

    const row = page.getByRole('row', { name: /^Busy CPU \(e2e\)/ });
    await row.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Test notification for Busy CPU (e2e)' }).innerText())
      .toMatch(/log: delivered/);
  });

  it('changes the history range and zooms, reading a finer tier each time', async () => {
    await visit('History');
    const status = page.getByRole('status').filter({ hasText: 'points per series' }).first();
    const range = page.getByRole('group', { name: 'Range' });
    // A month comes from an aggregated tier (which one depends on the chart's width), drawn with its band.
    await range.getByRole('button', { name: '30 d', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/averages .*with min–max band/);
    await range.getByRole('button', { name: '1 h', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/raw samples/);
    expect(await range.getByRole('button', { name: '1 h', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const chart = page.getByRole('img', { name: /^Percent: .* — 1 hour/ });
    await chart.waitFor();

    // A year over a month of record: the coarsest tier with rows for 0.6 of the points the chart
    // asks (about 2,200 at this width): 1,440 half-hours (720 hours are too few).
    await range.getByRole('button', { name: '1 y', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^30-minute averages with min–max band/);

    // A week is too long for 1-minute points at this width; drag across a sixth of it (28 h) and
    // that span is read again, from the finer tier.
    const year = await status.innerText();
    await range.getByRole('button', { name: '7 d', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).not.toBe(year);
    const week = await status.innerText();
    expect(week).not.toMatch(/^1-minute averages/);
    const box = (await page.getByRole('img', { name: /^Percent: / }).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^1-minute averages with min–max band/);
    const reset = page.getByRole('button', { name: 'Reset zoom' });
    expect(await reset.isEnabled()).toBe(true);
    await reset.click();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe(week);
    expect(await reset.isEnabled()).toBe(false);
  });

  it('adds a push target, tests the connection, and pushes into VictoriaMetrics', async (ctx) => {
    // Under scripts/test-under-stress.sh's shifted clock, libfaketime moves our clock but not the
    // Go server's (it reads the kernel's), and VictoriaMetrics refuses samples from its future.
    const skewDays = Math.round(Math.abs((await vm.serverTime()) - Date.now()) / 86_400_000);
    ctx.skip(
      skewDays > 1,
      `not run: this process's clock is ${skewDays} days off VictoriaMetrics', which libfaketime cannot move`,
    );
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
