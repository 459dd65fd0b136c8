// Plain JavaScript, loaded before the CLI: which commands restart themselves with a lean runtime.
//
// The headless engine is long-lived and allocates little, yet V8 lets its young generation grow to
// 8 MB on start-up and keeps that resident: about 3 MB of the 80 MB RSS budget. `run` therefore
// restarts itself in place (same pid, same stdio) with a 1 MB semi-space. `stats` does too: over
// 845 series its scan reads 200 MB of rows, V8 grows the young generation to 32 MB for them, and the
// dead row buffers pile up between full collections (140 MB peak against 104 MB for 45 series).
// Other query commands keep the default, because big history reads are faster with a larger young
// generation. Both expose gc(), which the store calls every few MB read
// (src/main/engine/store/blob-garbage.ts), so a long read (a week's export in `run --serve`, a wide
// `stats`) does not leave the process bigger; and keep glibc's heap small (two arenas, fixed trim
// and mmap thresholds, so freed memory is given back instead of the thresholds growing after each
// big buffer).

/** Commands that restart with the lean runtime. */
export const LEAN_COMMANDS = new Set(['run', 'stats']);
export const SEMI_SPACE_FLAG = '--max-semi-space-size=1';
export const GC_FLAG = '--expose-gc';
export const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * The argv and environment to restart `self` with, or null to go on as started: a command that is
 * not lean, a Node without process.execve, or a semi-space size the user already chose.
 *
 * @example
 * leanRestart(['run'], [], {}, '/app/bin/dashlight.js', '/usr/bin/node', true)
 * // { argv: ['/usr/bin/node', '--max-semi-space-size=1', '--expose-gc', '/app/bin/dashlight.js', 'run'], env: {...} }
 */
export function leanRestart(args, execArgv, env, self, execPath, canExecve) {
  if (!LEAN_COMMANDS.has(args[0]) || !canExecve) return null;
  if (execArgv.some((flag) => flag.startsWith('--max-semi-space-size'))) return null;
  if ((env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')) return null;
  return { argv: [execPath, SEMI_SPACE_FLAG, GC_FLAG, ...execArgv, self, ...args], env: { ...MALLOC_ENV, ...env } };
}
