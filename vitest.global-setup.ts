// Spawned-CLI tests run the built bin; `npm test` builds first, and this covers a bare `npx vitest`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  if (existsSync(join(import.meta.dirname, 'out', 'main', 'cli.js'))) return;
  const vite = join(import.meta.dirname, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--mode', 'main'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build --mode main failed; the spawned CLI tests need out/main/cli.js');
}
