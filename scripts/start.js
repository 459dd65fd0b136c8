// @ts-check
// `npm start`: builds the app, gets the Electron binary the way Electron itself does (downloading
// it the first time, with progress, from ELECTRON_MIRROR when set), then launches the tray app.
// When Electron cannot be had it prints one message (what failed, how to use a mirror or a local
// copy, and headless mode) and exits 1.
//   --no-build   skip the build (CI and the tests build separately)
//   --no-launch  stop once the Electron binary is there (CI uses it to fetch Electron)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkNodeVersion } from '../bin/node-guard.js';
import { buildApp } from './build-app.js';
import { runElectron } from './electron/launch-electron.js';
import { obtainElectronOrExit } from './electron/obtain-electron.js';

const APP_DIR = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}
if (!args.includes('--no-build') && !buildApp(APP_DIR, ['main', 'preload', 'renderer'])) process.exit(1);
if (!existsSync(join(APP_DIR, 'out', 'main', 'desktop.js'))) {
  console.error('dashlight: out/main/desktop.js is missing: run "npm run build" (or npm start without --no-build).');
  process.exit(1);
}

const binary = await obtainElectronOrExit(APP_DIR);
if (args.includes('--no-launch')) {
  console.log(`Electron is ready: ${binary}`);
  process.exit(0);
}
process.exit(await runElectron(binary, [APP_DIR]));
