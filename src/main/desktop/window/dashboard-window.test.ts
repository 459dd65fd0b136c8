import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electron, fake, type FakeBrowserWindow } from '../test-support/fake-electron.js';
import { DashboardWindow, type RendererEntry } from './dashboard-window.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

describe('DashboardWindow', () => {
  let dir: string;
  const log = { warn: vi.fn() };
  const make = (rendererEntry: RendererEntry = { file: '/app/out/renderer/index.html' }, dark = false) =>
    new DashboardWindow({
      rendererEntry,
      preloadPath: '/app/out/preload/index.cjs',
      boundsFile: join(dir, 'window-bounds.json'),
      isDark: () => dark,
      log,
      platform: 'linux',
    });
  const win = (index = 0): FakeBrowserWindow => fake.windows[index]!;

  beforeEach(() => {
    fake.reset();
    log.warn.mockClear();
    dir = mkdtempSync(join(tmpdir(), 'dashlight-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates no window until opened, then one with the locked-down options', async () => {
    const dashboard = make();
    expect(fake.windows).toHaveLength(0);
    expect(dashboard.current()).toBeNull();
    await dashboard.open();
    expect(fake.windows).toHaveLength(1);
    const prefs = win().options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(win().options.show).toBe(false);
    expect(win().loaded).toEqual({ file: '/app/out/renderer/index.html' });
  });

  it('shows the window on ready-to-show; current() only while visible', async () => {
    const dashboard = make();
    await dashboard.open();
    expect(win().visible).toBe(false);
    expect(dashboard.current()).toBeNull();
    win().fire('ready-to-show');
    expect(win().visible).toBe(true);
    expect(dashboard.current()).toBe(win());
    win().hide();
    expect(dashboard.current()).toBeNull();
  });

  it('destroys the window on close, drops it, and re-creates it on the next open', async () => {
    const dashboard = make();
    await dashboard.open();
    win().fire('ready-to-show');
    win().close();
    expect(win(0).destroyed).toBe(true);
    expect(dashboard.current()).toBeNull();
    await dashboard.open();
    expect(fake.windows).toHaveLength(2);
    expect(win(1).destroyed).toBe(false);
  });

  it('reuses an open window: shows and focuses it, and routes by hash', async () => {
    const dashboard = make();
    await dashboard.open('#/alerts/7');
    expect(win().loaded).toEqual({ file: '/app/out/renderer/index.html', hash: '/alerts/7' });
    win().hide();
    await dashboard.open('#/alerts/8');
    expect(fake.windows).toHaveLength(1);
    expect(win().visible).toBe(true);
    expect(win().focused).toBe(true);
    expect(win().loaded).toEqual({ file: '/app/out/renderer/index.html', hash: '/alerts/8' });
  });

  it('remembers the bounds across windows', async () => {
    const dashboard = make();
    await dashboard.open();
    win().bounds = { x: 50, y: 60, width: 1000, height: 650 };
    win().close();
    await dashboard.open();
    expect(win(1).options).toMatchObject({ x: 50, y: 60, width: 1000, height: 650 });
  });

  it('denies every navigation', async () => {
    await make().open();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'https://github.com/']) {
      const event = { preventDefault: vi.fn(), url };
      win().webContents.fire('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies window.open and opens only allowlisted https links externally', async () => {
    await make().open();
    const handler = win().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://github.com/dashlight/dashlight' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://github.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.shell.opened).toEqual(['https://github.com/dashlight/dashlight']);
  });

  it('loads a dev-server URL with the route as its hash; rendererUrl is what the sender check accepts', async () => {
    const dashboard = make({ url: 'http://localhost:5173/' }, true);
    expect(dashboard.rendererUrl()).toBe('http://localhost:5173/');
    await dashboard.open('/alerts/3');
    expect(win().loaded).toEqual({ url: 'http://localhost:5173/#/alerts/3' });
    expect(win().options.backgroundColor).toBe('#16181d');
    // The dev server's page gets the same locked-down window as the built one.
    expect(win().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(make().rendererUrl()).toBe(pathToFileURL('/app/out/renderer/index.html').href);
  });
});
