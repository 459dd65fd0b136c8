/**
 * Where Dashlight keeps its files. The default matches Electron's `app.getPath('userData')`
 * for an app named "Dashlight", so the desktop app and headless mode share one data folder.
 *
 * @example
 * defaultDataDir('linux', { HOME: '/home/me' }) // '/home/me/.config/Dashlight'
 */
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, win32, posix } from 'node:path';

export const APP_NAME = 'Dashlight';
export const DB_FILE = 'dashlight.db';
export const CONFIG_FILE = 'config.json';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  switch (platform) {
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_NAME);
  }
}

export interface DataPaths {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly configFile: string;
  readonly logDir: string;
}

/**
 * Resolves the data folder: `--db FILE` puts the database at FILE (and the rest beside it),
 * else `DASHLIGHT_DATA_DIR`, else the per-OS default.
 */
export function resolveDataPaths(options: { db?: string | undefined; env?: NodeJS.ProcessEnv } = {}): DataPaths {
  const env = options.env ?? process.env;
  if (options.db) {
    const dbFile = resolve(options.db);
    const dataDir = resolve(dbFile, '..');
    return { dataDir, dbFile, configFile: join(dataDir, CONFIG_FILE), logDir: join(dataDir, 'logs') };
  }
  const dataDir = resolve(env.DASHLIGHT_DATA_DIR || defaultDataDir(process.platform, env));
  return {
    dataDir,
    dbFile: join(dataDir, DB_FILE),
    configFile: join(dataDir, CONFIG_FILE),
    logDir: join(dataDir, 'logs'),
  };
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's own `mkdir -p` can spin
 * forever under special filesystems such as /proc; this fails at once with a clear reason.
 *
 * @example
 * ensureDir('/home/me/.config/Dashlight'); // throws `… is not a folder` / the mkdir error
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: some ancestor is a file; keep walking up to name it.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) throw error;
      missing.push(current);
      continue;
    }
    if (!isDirectory) throw new Error(`${current} is a file, not a folder`);
    break;
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
}
