// @ts-check
/**
 * The installed `electron` package and its binary, found the way Electron's own
 * node_modules/electron/index.js (`getElectronPath`) and install.js (`isInstalled`) find them, but
 * without ever starting a download: `npm start` decides itself when to download, and says so.
 *
 * @example
 * const pkg = findElectronPackage(appDir); // { dir: '…/node_modules/electron', version: '45.4.1' }
 * locateElectron(pkg); // { kind: 'installed', binary: '…/node_modules/electron/dist/electron' }
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @typedef {{ readonly dir: string; readonly version: string }} ElectronPackage
 * @typedef {{ kind: 'override'; binary: string; exists: boolean }
 *   | { kind: 'installed'; binary: string }
 *   | { kind: 'missing' }} ElectronLocation
 */

/**
 * The `electron` package that `appDir` resolves, or null when it is not installed.
 * @param {string} appDir
 * @returns {ElectronPackage | null}
 */
export function findElectronPackage(appDir) {
  try {
    const file = createRequire(join(appDir, 'package.json')).resolve('electron/package.json');
    const { version } = JSON.parse(readFileSync(file, 'utf8'));
    return { dir: dirname(file), version: String(version) };
  } catch {
    return null;
  }
}

/**
 * The platform install.js downloads for (it honours the same variables).
 * @param {NodeJS.ProcessEnv} env
 */
export function installPlatform(env = process.env) {
  return env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
}

/**
 * The executable's path inside Electron's archive, as install.js writes it to path.txt.
 * @param {string} platform
 * @returns {string | null} null where Electron publishes no build
 */
export function executableInArchive(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

/**
 * Where the binary is, without downloading:
 * - `ELECTRON_OVERRIDE_DIST_PATH` set: that folder, always (as index.js does), whether or not the
 *   binary is there;
 * - else `node_modules/electron/dist`, when install.js would call it installed (the version file
 *   matches the package, path.txt names this platform's executable, and the file exists).
 * @param {ElectronPackage} pkg
 * @param {NodeJS.ProcessEnv} env
 * @returns {ElectronLocation}
 */
export function locateElectron(pkg, env = process.env) {
  const expected = executableInArchive(installPlatform(env));
  const named = readText(join(pkg.dir, 'path.txt'));
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, named || expected || 'electron');
    return { kind: 'override', binary, exists: existsSync(binary) };
  }
  const version = readText(join(pkg.dir, 'dist', 'version'))?.replace(/^v/, '');
  if (named === null || named !== expected || version !== pkg.version) return { kind: 'missing' };
  const binary = join(pkg.dir, 'dist', named);
  return existsSync(binary) ? { kind: 'installed', binary } : { kind: 'missing' };
}

/** @param {string} file */
function readText(file) {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
