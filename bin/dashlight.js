#!/usr/bin/env node
import { checkNodeVersion } from './node-guard.js';

const problem = checkNodeVersion(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
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
process.exitCode = await cli.main(process.argv.slice(2));
