/**
 * Starts the built tray app in the real Electron binary for the smoke suite, through
 * playwright-core's `_electron.launch`, on a temp data folder. The binary is the one `npm start`
 * would use (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist), looked up without ever
 * downloading: where there is none, or no display to open a window on, the suite says why and
 * skips, unless DASHLIGHT_SMOKE_REQUIRED=1 (CI), where that is a failure.
 *
 * @example
 * const electron = smokeElectron();
 * if ('binary' in electron) {
 *   const app = await launchDashlight(electron.binary, { dataDir, hooks: true });
 * }
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { findElectronPackage, locateElectron } from '../../../../scripts/electron/electron-package.js';
import { TEST_HOOKS_VARIABLE } from '../test-hooks.js';

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const SMOKE_REQUIRED = 'DASHLIGHT_SMOKE_REQUIRED';
const BUILT = [
  join('out', 'main', 'desktop.js'),
  join('out', 'preload', 'preload.cjs'),
  join('out', 'renderer', 'index.html'),
];

/** The Electron binary to run, or why there is none here. */
export function smokeElectron(): { binary: string } | { missing: string } {
  const pkg = findElectronPackage(ROOT);
  if (!pkg) return { missing: 'the electron package is not installed' };
  const found = locateElectron(pkg);
  if (found.kind === 'missing')
    return {
      missing:
        'no Electron binary (node_modules/electron/dist is empty: it is downloaded on first launch, which this ' +
        'machine cannot do; `node scripts/start.js --no-build --no-launch` fetches it, or set ELECTRON_OVERRIDE_DIST_PATH)',
    };
  if (found.kind === 'override' && !found.exists)
    return { missing: `ELECTRON_OVERRIDE_DIST_PATH names ${found.binary}, which does not exist` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { missing: 'no display to open windows on (run it under xvfb-run)' };
  // Chromium's sandbox, which the suite checks, cannot run as root (--no-sandbox would defeat the check).
  if (process.platform !== 'win32' && process.getuid?.() === 0)
    return { missing: "running as root, where Chromium's sandbox cannot run; run the suite as a normal user" };
  const unbuilt = BUILT.filter((file) => !existsSync(join(ROOT, file)));
  if (unbuilt.length > 0) return { missing: `the app is not built (${unbuilt.join(', ')}): run npm run build` };
  return { binary: found.binary };
}

/** The environment for the app: the caller's, minus anything that would turn Electron into Node. */
function appEnv(dataDir: string, hooks: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE' && key !== TEST_HOOKS_VARIABLE) env[key] = value;
  }
  env.DASHLIGHT_DATA_DIR = dataDir;
  if (hooks) env[TEST_HOOKS_VARIABLE] = '1';
  return env;
}

/**
 * A data folder sampling every second, so the suite sees live samples soon, and committing every
 * 5 minutes, so the newest samples wait in the write buffer until Quit flushes them.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const settings = { sampling: { interval: '1s' }, storage: { commitInterval: '5m' } };
  writeFileSync(join(dataDir, 'config.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The built app, launched by playwright-core (which can then drive its windows and main process). */
export function launchDashlight(
  binary: string,
  options: { dataDir: string; hooks: boolean },
): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: binary,
    args: [ROOT],
    // Playwright adds --no-sandbox on Linux unless told otherwise; the suite checks the sandbox.
    chromiumSandbox: true,
    env: appEnv(options.dataDir, options.hooks),
    timeout: 120_000,
  });
}

/** A second, plain launch on the same data folder (not driven by playwright); resolves with its exit code. */
export function launchAgain(binary: string, dataDir: string): Promise<number | null> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, [ROOT], { env: appEnv(dataDir, false), stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise(code));
  });
}

/** The app's log lines (pino JSON) with this message. */
export function logRecords(dataDir: string, message: string): Record<string, unknown>[] {
  const file = join(dataDir, 'logs', 'dashlight.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"msg":"${message}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
