// @ts-check
/**
 * Starts the Electron binary on the app's folder and ends this process with it, as Electron's own
 * cli.js does: Ctrl-C and termination reach Electron, and its exit code becomes ours.
 *
 * @example
 * runElectron(binary, [appDir], { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }).then((code) => process.exit(code));
 */
import { spawn } from 'node:child_process';

/**
 * @param {string} binary
 * @param {readonly string[]} args
 * @param {NodeJS.ProcessEnv} [extraEnv] variables added for Electron
 * @returns {Promise<number>} Electron's exit code (1 when a signal ended it)
 */
export function runElectron(binary, args, extraEnv = {}) {
  // Set in a shell, this would make Electron a plain Node and ignore the app.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = { ...process.env, ...extraEnv };
  const child = spawn(binary, [...args], { stdio: 'inherit', env, windowsHide: false });
  const forward = (/** @type {NodeJS.Signals} */ signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`dashlight: could not start Electron (${binary}): ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      if (code === null) console.error(`dashlight: Electron exited with signal ${signal}`);
      resolve(code ?? 1);
    });
  });
}
