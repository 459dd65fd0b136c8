// The tray app in the real Electron binary, driven by playwright-core: tray and menu, the
// dashboard window over IPC, the window's security, closing to the tray, a second launch, and
// Quit flushing to SQLite. Where no Electron binary (or no display) exists, as on this project's
// build machine, it prints one line saying so and its tests count as skipped, never as passed;
// CI (DASHLIGHT_SMOKE_REQUIRED=1) fails instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/sample.js';
import type { PageGlobals } from '../../../../scripts/test-support/page-globals.js';
import type { TestHooks } from '../test-hooks.js';
import {
  launchAgain,
  launchDashlight,
  logRecords,
  prepareDataDir,
  ROOT,
  SMOKE_REQUIRED,
  smokeElectron,
} from './smoke-harness.js';

const electron = smokeElectron();
if ('missing' in electron) {
  const line = `ELECTRON SMOKE SUITE NOT RUN: ${electron.missing}. Its tests are skipped, not passed.`;
  if (process.env[SMOKE_REQUIRED] === '1') throw new Error(`${line} (${SMOKE_REQUIRED}=1 makes that a failure)`);
  process.stderr.write(`\n!!! ${line} !!!\n\n`);
}
const binary = 'binary' in electron ? electron.binary : '';

/** The test hooks, as the main process publishes them (see test-hooks.ts). */
type Published = { __dashlightTestHooks: TestHooks };
/** Null until the app is up and has published its hooks. */
const trayMenu = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as unknown as Partial<Published>).__dashlightTestHooks?.trayMenu() ?? null);
const clickTray = (app: ElectronApplication, id: string) =>
  app.evaluate((_electron, item) => (globalThis as unknown as Published).__dashlightTestHooks.clickTrayItem(item), id);
const engineStatus = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as unknown as Published).__dashlightTestHooks.status());
const secondInstances = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as unknown as Published).__dashlightTestHooks.secondInstances());

describe.skipIf('missing' in electron)('the tray app in Electron', () => {
  let tmp: string;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;
  let firstSample: Sample;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'dashlight-smoke-'));
    dataDir = join(tmp, 'data');
    prepareDataDir(dataDir);
    app = await launchDashlight(binary, { dataDir, hooks: true });
  });
  afterAll(async () => {
    if (app && app.process().exitCode === null) await app.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the tray with its menu, which shows live readings', async () => {
    await expect.poll(() => trayMenu(app), { timeout: 60_000 }).not.toBeNull();
    const menu = (await trayMenu(app))!;
    expect(menu.filter((item) => item.type !== 'separator').map((item) => item.id)).toEqual(
      expect.arrayContaining(['info.cpu', 'sample-now', 'sampling', 'export', 'dashboard', 'settings', 'quit']),
    );
    expect(menu.find((item) => item.id === 'dashboard')?.label).toBe('Open dashboard');
    expect(menu.find((item) => item.id === 'quit')?.label).toBe('Quit Dashlight');
    expect(menu.find((item) => item.id === 'sampling')?.label).toBe('Pause sampling');
    // The readings arrive with the first samples.
    await expect
      .poll(async () => (await trayMenu(app))?.find((item) => item.id === 'info.cpu')?.label, {
        timeout: 60_000,
      })
      .toMatch(/^CPU .*\d/);
  });

  it('opens the dashboard from the tray, which receives live samples over IPC', async () => {
    const opened = app.waitForEvent('window');
    await clickTray(app, 'dashboard');
    page = await opened;
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html/);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).dashlight.transport)).toBe('ipc');
    firstSample = await page.evaluate(
      () =>
        new Promise<Sample>((resolve) => {
          const stop = (globalThis as unknown as PageGlobals).dashlight.on('sample', (sample) => {
            stop();
            resolve(sample);
          });
        }),
    );
    expect(firstSample.ts).toBeGreaterThan(0);
    expect(typeof firstSample.values['cpu.total']).toBe('number');
  });

  it('round-trips method calls: status and history', async () => {
    const status = await page.evaluate(() => (globalThis as unknown as PageGlobals).dashlight.status());
    expect(status.state).toBe('running');
    expect(status.intervalMs).toBe(1000);
    expect(status.db.path).toBe(join(dataDir, 'dashlight.db'));
    const history = await page.evaluate(
      ({ from, to }) => (globalThis as unknown as PageGlobals).dashlight.history({ series: ['cpu.total'], from, to }),
      { from: status.startedAt - 60_000, to: firstSample.ts },
    );
    expect(history.series['cpu.total']?.t).toContain(firstSample.ts);
    // Bad input comes back as a typed error, not a crash.
    const refused = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).dashlight.history({ series: ['no.such.series'], from: 0, to: 1 }).then(
        () => 'accepted',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toContain('unknown series');
  });

  it('exports through IPC to a file', async () => {
    const path = join(tmp, 'export.csv');
    const result = await page.evaluate(
      ({ path, to }) =>
        (globalThis as unknown as PageGlobals).dashlight.export({
          format: 'csv',
          from: 0,
          to,
          resolution: 'raw',
          metrics: ['cpu.total'],
          path,
        }),
      { path, to: firstSample.ts },
    );
    expect(result.path).toBe(path);
    expect(result.rows).toBeGreaterThan(0);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n'); // RFC 4180: CRLF
    expect(lines[0]).toContain('cpu.total');
    expect(lines.length).toBe(result.rows + 1);
  });

  it('keeps the page sandboxed and under its CSP: no Node, no ipcRenderer, no inline script', async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        ipcRenderer: typeof g.ipcRenderer,
        bridge: Object.entries(g.dashlight)
          .filter(([, value]) => typeof value !== 'function')
          .map(([key]) => key),
        csp: g.document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
      };
    });
    expect(globals).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
    expect(globals.bridge).toEqual(['transport']); // everything else is a function
    expect(globals.csp).toContain("script-src 'self'");
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const g = globalThis as unknown as PageGlobals;
          g.document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective));
          const script = g.document.createElement('script');
          script.textContent = 'globalThis.inlineRan = true';
          g.document.head.append(script);
        }),
    );
    expect(violated).toBe('script-src-elem');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).inlineRan)).toBeUndefined();
    // The OS sandbox around the window's renderer: seccomp-bpf on Linux, as Electron reports it elsewhere.
    const renderer = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return { pid, sandboxed: electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null };
    });
    if (process.platform === 'linux') {
      expect(readFileSync(`/proc/${renderer.pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
    } else {
      expect(renderer.sandboxed).toBe(true);
    }
  });

  it('keeps sampling in the tray after the window is closed', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    const closedAt = (await engineStatus(app)).lastSampleTs!;
    await expect
      .poll(async () => (await engineStatus(app)).lastSampleTs, { timeout: 60_000 })
      .toBeGreaterThan(closedAt);
    expect(app.process().exitCode).toBeNull();
  });

  it('brings the first instance forward on a second launch, which then exits', async () => {
    const opened = app.waitForEvent('window');
    expect(await launchAgain(binary, dataDir)).toBe(0);
    await expect.poll(() => secondInstances(app)).toBe(1);
    page = await opened;
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())))
      .toEqual([true]);
    // Whether the OS then gives it the keyboard focus is the window manager's call (none under
    // Xvfb; focus-stealing rules on macOS and Windows), so isFocused() is not asserted.
  });

  it('flushes to the database on Quit: the last sample is stored after the app exits', async () => {
    // Commits are rare here (every 5 minutes, see prepareDataDir, besides the minute rollup): the
    // newest sample, taken just before Quit, is still in the write buffer, and Quit must flush it.
    const earlier = (await engineStatus(app)).lastSampleTs!;
    await expect.poll(async () => (await engineStatus(app)).lastSampleTs, { timeout: 60_000 }).toBeGreaterThan(earlier);
    const last = (await engineStatus(app)).lastSampleTs!;

    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    await clickTray(app, 'quit');
    expect(await exited).toBe(0);
    expect(logRecords(dataDir, 'engine stopped')).toHaveLength(1);

    const latest = spawnSync(process.execPath, [join(ROOT, 'bin', 'dashlight.js'), 'latest', '--json'], {
      env: { ...process.env, DASHLIGHT_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(latest.status, latest.stderr).toBe(0);
    expect((JSON.parse(latest.stdout) as { data: Sample }).data.ts).toBeGreaterThanOrEqual(last);
  });
});

describe.skipIf('missing' in electron)('the tray app without DASHLIGHT_TEST_HOOKS', () => {
  it('starts on a data folder that does not exist yet (a first run), and publishes no test hooks', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dashlight-smoke-plain-'));
    const dataDir = join(tmp, 'first', 'run');
    const app = await launchDashlight(binary, { dataDir, hooks: false });
    try {
      // Wait until the app is fully up: the point where, with the variable, the hooks appear.
      await expect.poll(() => logRecords(dataDir, 'tray app started'), { timeout: 60_000 }).toHaveLength(1);
      expect(logRecords(dataDir, 'tray app started')[0]).toMatchObject({ testHooks: false });
      expect(await app.evaluate(() => typeof (globalThis as Record<string, unknown>).__dashlightTestHooks)).toBe(
        'undefined',
      );
    } finally {
      await app.close().catch(() => {});
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
