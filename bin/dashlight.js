#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { leanRestart } from './lean-runtime.js';
import { checkNodeVersion } from './node-guard.js';

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

// `run` and `stats` restart in place with a small young generation and gc() exposed (lean-runtime.js).
const restart = leanRestart(
  process.argv.slice(2),
  process.execArgv,
  process.env,
  fileURLToPath(import.meta.url),
  process.execPath,
  typeof process.execve === 'function',
);
if (restart) process.execve(process.execPath, restart.argv, restart.env);
const args = process.argv.slice(2);

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
