/**
 * The Electron main process entry (`out/main/desktop.js`, package.json "main"). Thin: it finds the
 * paths, loads the settings through electron-store, and hands everything to `runDesktop`.
 */
import { app, dialog, nativeTheme } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine.js';
import { createLogger } from '../engine/log/logger.js';
import { resolveDataPaths } from '../engine/paths.js';
import { VERSION } from '../engine/version.js';
import { runDesktop } from './app-lifecycle.js';
import { SettingsStore } from './settings/settings-store.js';
import { electronStoreBackend } from './settings/electron-store-backend.js';
import { TokenVault } from './settings/token-vault.js';
import { DashboardWindow } from './window/dashboard-window.js';

const appDir = app.getAppPath();
const paths = resolveDataPaths({});
const store = new SettingsStore({
  backend: electronStoreBackend({ cwd: paths.dataDir, projectVersion: VERSION }),
  vault: new TokenVault(),
});
const { settings, resets } = store.load();
const log = createLogger({ level: settings.log.level, dir: paths.logDir, stderr: !app.isPackaged });
if (resets.length > 0) {
  log.warn({ resets: resets.map((r) => r.path) }, 'some stored settings were invalid and were reset to their defaults');
}

// A dev server (DASHLIGHT_RENDERER_URL) while working on the dashboard; the built files otherwise.
const rendererUrl = app.isPackaged ? undefined : process.env.DASHLIGHT_RENDERER_URL;
const window = new DashboardWindow({
  rendererEntry: rendererUrl ? { url: rendererUrl } : { file: join(appDir, 'out', 'renderer', 'index.html') },
  preloadPath: join(appDir, 'out', 'preload', 'preload.cjs'),
  boundsFile: join(paths.dataDir, 'window.json'),
  isDark: () => nativeTheme.shouldUseDarkColors,
  log,
});

void runDesktop({
  platform: process.platform,
  log,
  window,
  openEngine: () =>
    Engine.open({
      paths,
      settings,
      log,
      settingsFile: {
        save: async (next) => store.save(next, { confirmedPlainText: next.desktop.allowPlainTextSecrets }),
      },
    }),
  notices:
    resets.length > 0
      ? [`Some settings were invalid and were reset to their defaults: ${resets.map((r) => r.path).join(', ')}.`]
      : [],
  fatal: (message) => dialog.showErrorBox('Dashlight', message),
});
