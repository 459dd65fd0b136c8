import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract.js';
import type { ContractResult } from '../../shared/contract-errors.js';
import { SUBSCRIBE_CHANNEL, invokeChannel } from '../../shared/ipc-channels.js';
import { parseSettings } from '../../shared/settings.js';
import type { Collector } from '../engine/collect/types.js';
import { Engine } from '../engine/engine.js';
import { silentLogger } from '../engine/log/logger.js';
import { resolveDataPaths } from '../engine/paths.js';
import { APP_ID, runDesktop } from './app-lifecycle.js';
import { electron, fake } from './test-support/fake-electron.js';
import { DashboardWindow } from './window/dashboard-window.js';

vi.mock('electron', async () => (await import('./test-support/fake-electron.js')).electron);

const collectors = (): { hot: Collector[]; slow: Collector[] } => ({
  hot: [
    { name: 'cpu', cadence: 'hot', collect: async () => ({ 'cpu.total': 42, 'mem.percent': 61 }), reset: () => {} },
  ],
  slow: [
    {
      name: 'disk',
      cadence: 'slow',
      collect: async () => ({ 'disk.used_pct': 50, 'fs.used_pct[/]': 50 }),
      reset: () => {},
    },
  ],
});

async function start(platform: NodeJS.Platform = 'linux') {
  const dir = mkdtempSync(join(tmpdir(), 'dashlight-desktop-'));
  const paths = resolveDataPaths({ db: join(dir, 'dashlight.db') });
  const log = silentLogger();
  const rendererFile = join(dir, 'renderer', 'index.html');
  const window = new DashboardWindow({
    rendererEntry: { file: rendererFile },
    preloadPath: join(dir, 'preload.cjs'),
    boundsFile: join(dir, 'window.json'),
    isDark: () => false,
    log,
    platform,
  });
  const fatal: string[] = [];
  const engines: Engine[] = [];
  const running = await runDesktop({
    platform,
    log,
    window,
    fatal: (m) => fatal.push(m),
    openEngine: async () => {
      const engine = await Engine.open({
        paths,
        settings: parseSettings({ sampling: { interval: '1h' } }),
        log,
        collectors: collectors(),
      });
      engines.push(engine);
      return engine;
    },
  });
  return { running, paths, dir, fatal, rendererUrl: window.rendererUrl(), engines };
}

/**
 * Waits until `check` stops throwing, or fails with its last error: a condition that never comes
 * true fails the test loudly instead of letting it go on. Fake timers move on while it waits.
 */
const until = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 10_000, interval: 5 });

/**
 * What Electron does on Quit: `before-quit`, which the app holds back (preventDefault) until the
 * engine has flushed, then `app.exit`.
 */
async function quit(): Promise<void> {
  electron.app.quit();
  await until(() => expect(exited, 'the app did not exit after Quit').toBe(true));
}
let exited = false;

beforeEach(() => {
  // Timers and Date are the test's: nothing here waits for, or reads, the real clock.
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 9) });
  fake.reset();
  exited = false;
  electron.app.exit = () => {
    exited = true;
  };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('desktop lifecycle', () => {
  it('a second launch quits at once; the first one opens its dashboard on `second-instance`', async () => {
    electron.app.lock = false;
    expect(await start()).toMatchObject({ running: null });
    expect(electron.app.quitting).toBe(true);

    fake.reset();
    const { running } = await start();
    expect(fake.windows).toHaveLength(0); // the window is created on demand only
    electron.app.emit('second-instance');
    await until(() => expect(fake.windows).toHaveLength(1));
    running!.desktop.stop();
    await running!.engine.stop();
  });

  it('sets the AppUserModelId on Windows and hides the Dock icon on macOS', async () => {
    const win = await start('win32');
    expect(electron.app.appUserModelId).toBe(APP_ID);
    win.running!.desktop.stop();
    await win.running!.engine.stop();
    fake.reset();
    const mac = await start('darwin');
    expect(electron.app.dockHidden).toBe(true);
    await mac.running!.engine.sampleNow();
    // Tray updates are coalesced to one per turn of the event loop.
    await until(() =>
      expect(fake.trays[0]!.calls.filter((c) => c.startsWith('setTitle:')).at(-1)).toMatch(
        /^setTitle:CPU\s+42% MEM\s+61%:\{"fontType":"monospacedDigit"\}$/,
      ),
    );
    mac.running!.desktop.stop();
    await mac.running!.engine.stop();
  });

  it('closing the window keeps the app in the tray; Quit flushes the engine, then exits', async () => {
    const { running, paths } = await start();
    const engine = running!.engine;
    running!.desktop.openDashboard();
    await until(() => expect(fake.windows).toHaveLength(1));
    fake.windows[0]!.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitting).toBe(false);
    const sample = await engine.sampleNow(); // committed by sampleNow; one more buffered below
    const stopSpy = vi.spyOn(engine, 'stop');
    await quit();
    expect(stopSpy).toHaveBeenCalledTimes(1);
    expect(exited).toBe(true);
    const reopened = await Engine.open({
      paths,
      settings: parseSettings({}),
      log: silentLogger(),
      collectors: collectors(),
    });
    expect((await reopened.latest())?.ts).toBe(sample.ts);
    await reopened.stop();
  });

  it('registers a handler for every contract method and the live subscription, answering our renderer only', async () => {
    const { running, rendererUrl } = await start();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      [...METHOD_NAMES.map(invokeChannel), SUBSCRIBE_CHANNEL].sort(),
    );
    const ours = (await electron.ipcMain.invoke(invokeChannel('status'), rendererUrl)) as ContractResult<{
      state: string;
    }>;
    expect(ours).toMatchObject({ ok: true, value: { state: 'running' } });
    const foreign = (await electron.ipcMain.invoke(
      invokeChannel('status'),
      'https://evil.example/',
    )) as ContractResult<unknown>;
    expect(foreign).toMatchObject({ ok: false, error: { name: 'ForbiddenError' } });
    running!.desktop.stop();
    await running!.engine.stop();
  });

  it('a resume from sleep reported by the OS becomes a gap before the next sample', async () => {
    const { running } = await start();
    await running!.engine.sampleNow();
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('resume');
    const after = await running!.engine.sampleNow();
    expect(after.gapBefore).toBe(true);
    running!.desktop.stop();
    await running!.engine.stop();
  });

  it('the tray follows the samples, rebuilding the menu only when it changes; "Export last 24 h…" writes a CSV', async () => {
    const { running, dir } = await start();
    const engine = running!.engine;
    await engine.sampleNow();
    const tray = fake.trays[0]!;
    await until(() => expect(tray.tooltip).toMatch(/CPU 42\.0 %/));
    const menus = () => tray.calls.filter((c) => c === 'setContextMenu').length;
    const before = menus();
    await engine.sampleNow(); // the same values: nothing to redraw
    await vi.runOnlyPendingTimersAsync(); // the coalesced update has run
    expect(menus()).toBe(before);
    const items = tray.menu!.template as { label?: string; click?: () => void }[];
    expect(items.map((i) => i.label)).toContain('Export last 24 h…');
    electron.dialog.nextSavePath = join(dir, 'last-day.csv');
    items.find((i) => i.label === 'Export last 24 h…')!.click!();
    await until(() => expect(existsSync(join(dir, 'last-day.csv')), 'the CSV was not written').toBe(true));
    await until(() => expect(fake.notifications.at(-1)?.options).toMatchObject({ title: 'Export saved' }));
    expect(readFileSync(join(dir, 'last-day.csv'), 'utf8').split('\r\n')[0]).toMatch(/^ts,ts_ms,/);
    expect(fake.notifications.at(-1)?.options).toMatchObject({ title: 'Export saved' });
    running!.desktop.stop();
    await engine.stop();
  });
});
