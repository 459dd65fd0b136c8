/**
 * What the `npm start` tests use instead of the real Electron: a copy of the app's launcher in a
 * temp folder (so Electron's install.js unpacks there, never into this checkout), a stand-in
 * "electron" that records its arguments and exits, the archive a mirror would serve it in, and a
 * loopback HTTP server posing as that mirror.
 *
 * @example
 * const app = makeLauncherCopy(tmp);
 * const mirror = await startMirror({ '/v45.4.1/electron-v45.4.1-linux-x64.zip': standInArchive(…) });
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { zipArchive } from './zip.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ELECTRON = join(ROOT, 'node_modules', 'electron');

/** The installed electron package's version: what the launcher will ask the mirror for. */
export const ELECTRON_VERSION: string = JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')).version;

/** Where Electron's archive keeps the executable (install.js's platformPath); null: no stand-in here. */
export function standInPath(platform: NodeJS.Platform): string | null {
  if (platform === 'linux') return 'electron';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return null; // Windows runs only a real electron.exe, which a script cannot stand in for.
}

/** A shell script that writes each argument on a line of $STAND_IN_RECORD and exits with 0. */
export const STAND_IN_SCRIPT =
  '#!/bin/sh\n: > "$STAND_IN_RECORD"\nfor arg in "$@"; do printf \'%s\\n\' "$arg" >> "$STAND_IN_RECORD"; done\nexit 0\n';

/** The archive as Electron publishes it: the executable, and a `version` file install.js checks. */
export function standInArchive(executable: string): Buffer {
  return zipArchive([
    { name: executable, data: Buffer.from(STAND_IN_SCRIPT), mode: 0o755 },
    { name: 'version', data: Buffer.from(ELECTRON_VERSION), mode: 0o644 },
  ]);
}

/**
 * A minimal app folder with the real launcher (scripts/, bin/node-guard.js), a copy of the
 * electron package (install.js unpacks next to itself), and links to the packages it loads.
 */
export function makeLauncherCopy(root: string): { appDir: string; electronDir: string } {
  const appDir = join(root, 'app');
  const modules = join(appDir, 'node_modules');
  cpSync(join(ROOT, 'scripts'), join(appDir, 'scripts'), {
    recursive: true,
    filter: (source) => !/\.test\.ts$/.test(source) && !source.includes('test-support'),
  });
  mkdirSync(join(appDir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'bin', 'node-guard.js'), join(appDir, 'bin', 'node-guard.js'));
  mkdirSync(join(appDir, 'out', 'main'), { recursive: true });
  writeFileSync(join(appDir, 'out', 'main', 'desktop.js'), '// stand-in main process\n');
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'launcher-copy', type: 'module' }));
  const electronDir = join(modules, 'electron');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['package.json', 'index.js', 'install.js', 'checksums.json']) {
    cpSync(join(ELECTRON, file), join(electronDir, file));
  }
  // Electron's download and unzip packages, as the real checkout has them.
  for (const scope of ['@electron', '@electron-internal']) {
    symlinkSync(join(ROOT, 'node_modules', scope), join(modules, scope), 'junction');
  }
  return { appDir, electronDir };
}

export interface Mirror {
  readonly url: string;
  /** Request paths, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves `files` (path → body) on 127.0.0.1; anything else is a 404. */
export async function startMirror(files: Record<string, Buffer | string>): Promise<Mirror> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const body = files[path];
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment without any Electron download setting from the caller's shell or npm. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/electron|force_no_cache/i.test(key)));
  return { ...env, ...extra };
}

/** Runs a Node script to its end without blocking this process (the mirror must keep answering). */
export function runNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
