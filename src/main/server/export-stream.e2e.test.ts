/**
 * Headless exports stream to the browser, in Chromium against a real `dashlight run --serve`: the
 * download starts at once and fills as the export is produced, Cancel on the page stops both the
 * export and the download, a download the browser gives up stops the export, and nothing is left
 * in the data folder either way. To hold a big export still mid-way (whatever the machine's speed)
 * the engine's process is paused with SIGSTOP while the test acts, then continued.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountSmallDisk } from '../engine/test-support/small-disk.js';
import { startDashboard, type Dashboard } from './test-support/dashboard-harness.js';

/** What a data folder holds besides the engine's own files: an export must leave nothing. */
function leftovers(app: Dashboard): string[] {
  const own = [
    'dashlight.db',
    'dashlight.db-wal',
    'dashlight.db-shm',
    'dashlight.db.lock',
    'dashlight.db.live',
    'config.json',
  ];
  return readdirSync(app.dataDir).filter((name) => ![...own, 'logs', 'server-token'].includes(name));
}

async function openExport(app: Dashboard): Promise<Page> {
  const page = await app.open();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Export', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
  return page;
}

/** A day of raw samples of a 45-series machine, as CSV: tens of MB, far more than one chunk. */
async function exportDay(page: Page) {
  await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '24 h', exact: true }).click();
  await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return downloading;
}

describe('headless exports stream to the browser', () => {
  let app: Dashboard;
  let page: Page;
  beforeAll(async () => {
    app = await startDashboard({ seedDays: 2 });
    page = await openExport(app);
  }, 90_000);
  afterAll(async () => app?.close());

  it('Cancel on the page stops the export under way and the download', async () => {
    const download = await exportDay(page);
    // The download started with the first rows: the export is under way. Hold it there.
    process.kill(app.pid, 'SIGSTOP');
    try {
      await expect.poll(() => page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
      await page.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      process.kill(app.pid, 'SIGCONT');
    }
    await expect.poll(() => page.getByText('Export cancelled; no file was written.').count()).toBe(1);
    expect(await download.failure()).not.toBeNull();
    expect(leftovers(app)).toEqual([]);
  });

  it('downloads a whole export, says it was downloaded, and keeps nothing on the server', async () => {
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '1 h', exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    const name = download.suggestedFilename();
    expect(name).toMatch(/^dashlight-.*\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^ts,ts_ms,/);
    expect(lines.length).toBeGreaterThan(10);
    const finished = page.getByRole('status').filter({ hasText: 'Export finished.' });
    await expect
      .poll(() => finished.innerText())
      .toContain(`${name} (in your browser's downloads; nothing is kept on the server)`);
    expect(existsSync(join(app.dataDir, 'downloads'))).toBe(false);
    expect(leftovers(app)).toEqual([]);
    expect(app.pageErrors()).toEqual([]);
  });
});

// Chromium's downloads go to a 1 MB tmpfs: the day's export cannot fit, so the browser gives the
// download up, whatever the machine's speed. Mounting needs root (as CI runs).
const disk = mountSmallDisk('1m');
if (!disk.mounted)
  process.stderr.write('\n*** SKIPPED: the abandoned-download test needs to mount a small tmpfs (root). ***\n\n');

describe('a download the browser gives up', () => {
  let app: Dashboard;
  afterAll(async () => {
    await app?.close();
    disk.unmount();
  });

  it.runIf(!disk.mounted && Boolean(process.env.CI))('can mount the tmpfs it needs (required in CI)', () => {
    expect.fail('mount -t tmpfs failed; CI must run this test, not skip it');
  });

  it.runIf(disk.mounted)('stops the export on the server, and the page says so', async () => {
    app = await startDashboard({ seedDays: 2, downloadsPath: disk.path });
    const page = await openExport(app);
    const download = await exportDay(page);
    expect(await download.failure()).not.toBeNull();
    await expect
      .poll(() => page.getByRole('status').or(page.getByRole('alert')).allInnerTexts(), { timeout: 60_000 })
      .toContain('Export cancelled; no file was written.');
    expect(leftovers(app)).toEqual([]);
  });
});
