#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { checkNodeVersion } from './node-guard.js';

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

// The headless engine is long-lived and allocates little, yet V8 lets its young generation grow to
// 8 MB on start-up and keeps that resident: about 3 MB of the 80 MB RSS budget. `run` therefore
// restarts itself in place (same pid, same stdio) with a 1 MB semi-space. Commands that answer
// queries keep the default, because big history queries are faster with a larger young generation.
// With --serve, long reads (a week's export) would leave the process bigger for good: `run` also
// exposes gc(), which the store calls every few MB read (src/main/engine/store/blob-garbage.ts),
// and keeps glibc's heap small (two arenas, fixed trim and mmap thresholds, so freed memory is
// given back instead of the thresholds growing after each big buffer).
const SEMI_SPACE_FLAG = '--max-semi-space-size=1';
const GC_FLAG = '--expose-gc';
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '131072' };
const args = process.argv.slice(2);
if (
  args[0] === 'run' &&
  typeof process.execve === 'function' &&
  !process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size')) &&
  !(process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')
) {
  const self = fileURLToPath(import.meta.url);
  process.execve(process.execPath, [process.execPath, SEMI_SPACE_FLAG, GC_FLAG, ...process.execArgv, self, ...args], {
    ...MALLOC_ENV,
    ...process.env,
  });
}

let cli;
try {
  cli = await import('../out/main/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('out/main/cli.js')) {
    process.stderr.write('dashlight: the CLI is not built yet; run "npm run build" in the project folder first.\n');
    process.exit(2);
  }
  throw error;
}
const code = await cli.main(args);
process.exitCode = code;
if (code === 130 && process.platform !== 'win32') {
  // Interrupted by Ctrl-C, and everything is committed: end the way the signal would have ended us,
  // so a shell script that ran `dashlight run` stops too instead of carrying on (status 130 either way).
  process.removeAllListeners('SIGINT');
  process.kill(process.pid, 'SIGINT');
}
