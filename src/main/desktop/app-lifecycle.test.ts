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
import { WriterLock } from '../engine/store/writer-lock.js';
import { dashlight, spawnRun, type SpawnedRun } from '../engine/test-support/spawned-cli.js';
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

async function start(platform: NodeJS.Platform = 'linux', db?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dashlight-desktop-'));
  const paths = resolveDataPaths({ db: db ?? join(dir, 'dashlight.db') });
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
        command: 'the Dashlight tray app',
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

describe('desktop lifecycle: one writer per database', () => {
  // Real processes beside the app: the timers are real for these.
  beforeEach(() => vi.useRealTimers());
  const runs: SpawnedRun[] = [];
  afterEach(async () => {
    for (const run of runs.splice(0)) await run.stop('SIGKILL');
  });

  it('does not start beside a dashlight run on the same database, and says who holds it', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dashlight-desktop-lock-')), 'dashlight.db');
    const cli = await spawnRun(['--db', db, '--interval', '1s']);
    runs.push(cli);
    const holder = WriterLock.holder(db)!;
    const { running, fatal } = await start('linux', db);
    expect(running).toBeNull();
    expect(fatal).toEqual([
      `Dashlight could not start its engine: ${db} is in use by dashlight run --db ${db} --interval 1s ` +
        `(pid ${cli.child.pid}, since ${holder.since}): one writer per database; stop it first or use another --db. ` +
        'Queries (latest, list, stats, history, export, push status) work beside it',
    ]);
    expect(exited).toBe(true);
  });

  it('a dashlight run beside the tray app is refused, naming the app', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'dashlight-desktop-lock-')), 'dashlight.db');
    const { running } = await start('linux', db);
    const holder = WriterLock.holder(db)!;
    expect(holder).toMatchObject({ pid: process.pid, command: 'the Dashlight tray app' });
    const second = dashlight(['run', '--db', db]);
    expect(second.status).toBe(2);
    expect(second.stderr).toBe(
      `dashlight: ${db} is in use by the Dashlight tray app (pid ${process.pid}, since ${holder.since}): ` +
        'one writer per database; stop it first or use another --db. ' +
        'Queries (latest, list, stats, history, export, push status) work beside it\n',
    );
    expect(dashlight(['latest', '--db', db, '--json']).status).toBe(0);
    running!.desktop.stop();
    await running!.engine.stop();
    expect(WriterLock.holder(db)).toBeNull();
  });
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
    await vi.advanceTimersByTimeAsync(0); // the coalesced update (setImmediate) has run, no engine job
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
