// `npm start`: builds, then launches the Electron tray app. When the desktop shell or the
// Electron binary is missing it says why, points to headless mode, and exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { checkNodeVersion } from '../bin/node-guard.js';

const HEADLESS =
  'Run Dashlight headless instead, with the dashboard in your browser: npx dashlight run --serve   (see README.md, "Headless mode")';
const fail = (message) => {
  console.error(`dashlight: ${message}\n${HEADLESS}`);
  process.exit(1);
};

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}

// The main process, the preload and the dashboard the window loads.
if (!process.argv.includes('--no-build')) {
  for (const mode of ['main', 'preload', 'renderer']) {
    const build = spawnSync(
      process.execPath,
      [join(import.meta.dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', mode],
      {
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const desktopEntry = join(import.meta.dirname, '..', 'out', 'main', 'desktop.js');
if (!existsSync(desktopEntry)) fail('the desktop shell (src/main/desktop) is not part of this build yet.');

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  fail('the electron package is not installed; run "npm install".');
}
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (!binary || !existsSync(binary)) {
  fail(
    'the Electron binary is missing: it is downloaded from GitHub on first launch, outside the npm registry, ' +
      'and that download is not possible on this machine (no network, or a blocked host).',
  );
}
const result = spawnSync(binary, [join(import.meta.dirname, '..')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
