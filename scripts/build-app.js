// @ts-check
/**
 * Builds parts of the app with the project's one Vite config (vite.config.ts): `main` (the
 * Electron main process and the CLI), `preload`, `renderer` (the dashboard).
 *
 * @example
 * if (!buildApp(appDir, ['main', 'preload', 'renderer'])) process.exit(1);
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * @param {string} appDir
 * @param {readonly ('main' | 'preload' | 'renderer')[]} modes
 * @returns {boolean} false when a build failed (Vite has printed why)
 */
export function buildApp(appDir, modes) {
  const vite = join(appDir, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const mode of modes) {
    const build = spawnSync(process.execPath, [vite, 'build', '--mode', mode], { cwd: appDir, stdio: 'inherit' });
    if (build.status !== 0) return false;
  }
  return true;
}
