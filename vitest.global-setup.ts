// Spawned-CLI tests run the built bin; `npm test` builds first, and this covers a bare `npx vitest`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BUILDS = [
  { mode: 'main', output: join('out', 'main', 'cli.js'), needed: 'the spawned CLI tests' },
  { mode: 'renderer', output: join('out', 'renderer', 'index.html'), needed: 'the dashboard end-to-end tests' },
  {
    mode: 'preload',
    output: join('out', 'preload', 'preload.cjs'),
    needed: 'npm run dev and the Electron smoke suite',
  },
];

export default function setup(): void {
  const vite = join(import.meta.dirname, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const { mode, output, needed } of BUILDS) {
    if (existsSync(join(import.meta.dirname, output))) continue;
    const result = spawnSync(process.execPath, [vite, 'build', '--mode', mode], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`vite build --mode ${mode} failed; ${needed} need ${output}`);
  }
}
