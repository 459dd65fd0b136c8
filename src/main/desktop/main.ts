/**
 * The Electron main process entry (`out/main/desktop.js`, package.json "main"). Thin: it finds the
 * paths, loads the settings through electron-store, and hands everything to `runDesktop`.
 */
import { app, dialog, nativeTheme } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine.js';
import { createLogger } from '../engine/log/logger.js';
import { ensureDir, resolveDataPaths } from '../engine/paths.js';
import { checkDataFile } from '../engine/store/data-path.js';
import { SettingsStore } from '../engine/settings/settings-store.js';
import { runDesktop } from './app-lifecycle.js';
import { electronStoreBackend } from './settings/electron-store-backend.js';
import { TokenVault } from './settings/token-vault.js';
import { installTestHooks } from './test-hooks.js';
import { DashboardWindow } from './window/dashboard-window.js';
import { rendererEntry } from './window/renderer-entry.js';

const appDir = app.getAppPath();
const paths = resolveDataPaths({});
// One data folder: Electron's own files (the single-instance lock, caches) live beside ours, so
// DASHLIGHT_DATA_DIR moves everything, and `electron .` uses the installed app's folder. Electron
// refuses a folder that does not exist yet (the first run).
try {
  // Before anything is created there: a folder under /proc must fail at once, not spin.
  checkDataFile(paths.dbFile, 'write');
  ensureDir(paths.dataDir);
  app.setPath('userData', paths.dataDir);
} catch (error) {
  dialog.showErrorBox(
    'Dashlight',
    `Dashlight cannot use its data folder ${paths.dataDir}: ${(error as Error).message}`,
  );
  app.exit(1);
}
const store = new SettingsStore({ backend: electronStoreBackend({ cwd: paths.dataDir }), sealer: new TokenVault() });
const { settings, resets } = store.loadRepaired();
const log = createLogger({ level: settings.log.level, dir: paths.logDir, stderr: !app.isPackaged });
if (resets.length > 0) {
  log.warn({ resets: resets.map((r) => r.path) }, 'some stored settings were invalid and were reset to their defaults');
}

// `npm run dev` passes Vite's dev server as ELECTRON_RENDERER_URL; the built files otherwise.
const renderer = rendererEntry({ isPackaged: app.isPackaged, appDir, env: process.env });
if (renderer.ignored) log.warn(renderer.ignored);
const window = new DashboardWindow({
  rendererEntry: renderer.entry,
  preloadPath: join(appDir, 'out', 'preload', 'preload.cjs'),
  boundsFile: join(paths.dataDir, 'window.json'),
  isDark: () => nativeTheme.shouldUseDarkColors,
  log,
});

const running = runDesktop({
  platform: process.platform,
  log,
  window,
  openEngine: () =>
    Engine.open({
      paths,
      settings,
      log,
      settingsStore: store,
      command: 'the Dashlight tray app',
    }),
  notices:
    resets.length > 0
      ? [`Some settings were invalid and were reset to their defaults: ${resets.map((r) => r.path).join(', ')}.`]
      : [],
  fatal: (message) => dialog.showErrorBox('Dashlight', message),
});
void running.then((started) => {
  if (!started) return;
  const testHooks = installTestHooks({
    env: process.env,
    isPackaged: app.isPackaged,
    app,
    desktop: started.desktop,
    engine: started.engine,
  });
  log.info({ testHooks }, 'tray app started');
});
