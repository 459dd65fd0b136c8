// @ts-check
// `npm run dev`: the tray app with the dashboard served by Vite's dev server, so edits under
// src/renderer show at once (hot module replacement), the electron-vite way: the main process
// loads ELECTRON_RENDERER_URL instead of out/renderer. The main process and the preload are built
// once at the start; restart `npm run dev` after changing them. Electron is obtained as `npm start`
// does. The window keeps its sandbox, context isolation and the dashboard's CSP (Vite's client and
// its HMR socket are same-origin, which the CSP allows).
//   --no-build   skip building the main process and the preload
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { checkNodeVersion } from '../bin/node-guard.js';
import { buildApp } from './build-app.js';
import { runElectron } from './electron/launch-electron.js';
import { obtainElectronOrExit } from './electron/obtain-electron.js';

const APP_DIR = join(import.meta.dirname, '..');

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}
if (!process.argv.includes('--no-build') && !buildApp(APP_DIR, ['main', 'preload'])) process.exit(1);
for (const built of [join('out', 'main', 'desktop.js'), join('out', 'preload', 'preload.cjs')]) {
  if (!existsSync(join(APP_DIR, built))) {
    console.error(`dashlight: ${built} is missing: run "npm run build" (or npm run dev without --no-build).`);
    process.exit(1);
  }
}

const binary = await obtainElectronOrExit(APP_DIR);

// Loopback only: the main process refuses any other dev URL, and nothing else should reach it.
const server = await createServer({
  configFile: join(APP_DIR, 'vite.config.ts'),
  mode: 'development',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) {
  await server.close();
  console.error('dashlight: the Vite dev server did not report its URL.');
  process.exit(1);
}
console.log(`Dashboard dev server: ${url} (hot reload); starting the tray app…`);
const code = await runElectron(binary, [APP_DIR], { ELECTRON_RENDERER_URL: url });
await server.close();
process.exit(code);
