/**
 * The tray app's life: one instance (a second launch opens the first one's dashboard), the engine
 * started on `ready`, the app kept in the tray when the window closes, and Quit flushing the
 * engine before exiting. Everything Electron-specific that can be decided without Electron is
 * in the pure parts; this file only joins them to `app`.
 *
 * @example
 * await runDesktop({ openEngine: () => Engine.open(options), platform: process.platform, … });
 */
import { app, nativeTheme, Notification } from 'electron';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../engine/log/logger.js';
import { APP_ID } from './app-id.js';
import { DesktopApp } from './desktop-app.js';
import { setLaunchAtLogin } from './login/launch-at-login.js';
import type { DashboardWindow } from './window/dashboard-window.js';

export { APP_ID };

export interface DesktopDeps {
  readonly platform: NodeJS.Platform;
  readonly log: Logger;
  readonly openEngine: () => Promise<Engine>;
  readonly window: DashboardWindow;
  /** Called with the reason when the app cannot start (the user sees it, then the app exits). */
  readonly fatal: (message: string) => void;
  /** Told to the user once the app is up (e.g. settings that had to be reset). */
  readonly notices?: readonly string[];
}

export interface RunningDesktop {
  readonly engine: Engine;
  readonly desktop: DesktopApp;
}

/** Returns null when another instance already runs (this one quits at once). */
export async function runDesktop(deps: DesktopDeps): Promise<RunningDesktop | null> {
  const { platform, log } = deps;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  // A tray app: no Dock icon on macOS (LSUIElement in the bundle; this covers `electron .` runs).
  if (platform === 'darwin') app.dock?.hide();

  let running: RunningDesktop | null = null;
  let flushed = false;
  app.on('second-instance', () => running?.desktop.openDashboard());
  // Closing the window keeps the app in the tray; only Quit ends it.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (flushed || !running) return;
    event.preventDefault();
    const { engine, desktop } = running;
    desktop.stop();
    engine
      .stop()
      .catch((error: unknown) => log.error({ err: error }, 'stopping the engine failed'))
      .finally(() => {
        flushed = true;
        app.exit(0);
      });
  });

  await app.whenReady();
  let engine: Engine;
  try {
    engine = await deps.openEngine();
    await engine.start();
  } catch (error) {
    deps.fatal(`Dashlight could not start its engine: ${(error as Error).message}`);
    app.exit(1);
    return null;
  }
  let settings = await engine.getSettings();
  nativeTheme.themeSource = settings.desktop.theme;
  applyLaunchAtLogin(platform, settings.desktop.launchAtLogin, log);
  const desktop = new DesktopApp({ engine, platform, window: deps.window, log, quit: () => app.quit() });
  await desktop.start();
  // Settings changed from the dashboard take effect here too.
  engine.on('status', () => {
    void engine.getSettings().then((next) => {
      nativeTheme.themeSource = next.desktop.theme;
      if (next.desktop.launchAtLogin !== settings.desktop.launchAtLogin)
        applyLaunchAtLogin(platform, next.desktop.launchAtLogin, log);
      settings = next;
    });
  });
  for (const notice of deps.notices ?? []) new Notification({ title: 'Dashlight', body: notice }).show();
  running = { engine, desktop };
  return running;
}

function applyLaunchAtLogin(platform: NodeJS.Platform, enabled: boolean, log: Logger): void {
  try {
    setLaunchAtLogin(enabled, {
      platform,
      app,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      home: process.env.HOME ?? '',
    });
  } catch (error) {
    log.warn({ err: error }, 'could not change launch at login');
  }
}
