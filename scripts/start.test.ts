// `npm start` end to end without the real Electron: a loopback HTTP server poses as the Electron
// mirror and serves a stand-in archive whose "electron" records its arguments. The launcher runs
// from a temp copy of the app (Electron's install.js unpacks next to itself) with a temp download
// cache, so nothing here touches this checkout's node_modules or the user's cache.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  closedPort,
  ELECTRON_VERSION,
  makeLauncherCopy,
  runNode,
  standInArchive,
  STAND_IN_SCRIPT,
  standInPath,
  startMirror,
  type Mirror,
} from './test-support/stand-in-electron.js';

const executable = standInPath(process.platform);
if (executable === null) {
  process.stderr.write(
    `NOT RUN: npm start's download-and-launch tests: a script cannot stand in for electron.exe on ${process.platform}\n`,
  );
}
const ARCHIVE = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;
/** ELECTRON_CUSTOM_DIR is honoured: the mirror keeps releases under this folder. */
const CUSTOM_DIR = `releases/{{ version }}`;
const FOLDER = `/mirror/releases/${ELECTRON_VERSION}`;

let tmp: string;
let app: { appDir: string; electronDir: string };
let mirror: Mirror | null = null;
let cache: string;
let record: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dashlight-start-'));
  app = makeLauncherCopy(tmp);
  cache = join(tmp, 'electron-cache');
  record = join(tmp, 'launched-with.txt');
});
afterEach(async () => {
  await mirror?.close();
  mirror = null;
  rmSync(tmp, { recursive: true, force: true });
});

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** npm start (without the build) against `mirrorUrl`, with remote checksums and a temp cache. */
function start(mirrorUrl: string, extra: Record<string, string> = {}, args: string[] = []) {
  const env = cleanEnv({
    ELECTRON_MIRROR: `${mirrorUrl}/mirror/`,
    ELECTRON_CUSTOM_DIR: CUSTOM_DIR,
    electron_config_cache: cache,
    electron_use_remote_checksums: '1',
    STAND_IN_RECORD: record,
    ...extra,
  });
  return runNode(join(app.appDir, 'scripts', 'start.js'), ['--no-build', ...args], env);
}

function expectOneHelpfulMessage(stderr: string): void {
  expect(stderr).toMatch(/^dashlight: could not download Electron \S+ for \S+/m);
  expect(stderr).toContain('ELECTRON_MIRROR');
  expect(stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  expect(stderr).toContain('npx dashlight run --serve');
  expect(stderr.match(/^dashlight:/gm)).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(existsSync(record)).toBe(false); // nothing was launched
  expect(existsSync(join(app.electronDir, 'path.txt'))).toBe(false); // nothing was unpacked
}

describe.skipIf(executable === null)('npm start with a stand-in Electron', () => {
  const archive = standInArchive(executable ?? 'electron');
  const files = {
    [`${FOLDER}/${ARCHIVE}`]: archive,
    [`${FOLDER}/SHASUMS256.txt`]: `${sha256(archive)} *${ARCHIVE}\n${'0'.repeat(64)} *other.zip\n`,
  };

  it('downloads Electron from the mirror with progress, unpacks it, and launches it on the app folder', async () => {
    mirror = await startMirror(files);
    const result = await start(mirror.url);

    expect(result.stderr).toContain(`Downloading ${ARCHIVE} from ${mirror.url}`);
    expect(result.stderr).toMatch(/^ +100% {2}0\.0 of 0\.0 MB$/m);
    expect(result.code).toBe(0);
    expect(mirror.requests).toEqual([`${FOLDER}/${ARCHIVE}`, `${FOLDER}/SHASUMS256.txt`, `${FOLDER}/SHASUMS256.txt`]);
    // Unpacked by Electron's install.js, as `require('electron')` would have it.
    expect(readFileSync(join(app.electronDir, 'path.txt'), 'utf8')).toBe(executable);
    expect(statSync(join(app.electronDir, 'dist', executable!)).mode & 0o111).not.toBe(0);
    // Launched with the app's folder, and nothing else.
    expect(readFileSync(record, 'utf8')).toBe(`${app.appDir}\n`);
    // The archive went to the cache named by electron_config_cache.
    expect(readdirRecursive(cache).some((file) => file.endsWith(ARCHIVE))).toBe(true);
  });

  it('with --no-launch (what CI runs before the smoke suite) fetches Electron and launches nothing', async () => {
    mirror = await startMirror(files);
    const result = await start(mirror.url, {}, ['--no-launch']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Electron is ready: ${join(app.electronDir, 'dist', executable!)}\n`);
    expect(existsSync(record)).toBe(false);
  });

  it('launches an installed Electron without asking the mirror, and re-unpacks from the cache', async () => {
    mirror = await startMirror(files);
    expect((await start(mirror.url)).code).toBe(0);
    mirror.requests.length = 0;
    rmSync(record);

    expect((await start(mirror.url)).code).toBe(0);
    expect(mirror.requests).toEqual([]);
    expect(readFileSync(record, 'utf8')).toBe(`${app.appDir}\n`);

    // A removed dist comes back from the cache: only the checksums are fetched again.
    rmSync(join(app.electronDir, 'dist'), { recursive: true });
    const again = await start(mirror.url);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain(`Downloading ${ARCHIVE}`);
    expect(mirror.requests.filter((path) => path.endsWith('.zip'))).toEqual([]);
  });

  it('says what failed, how to use a mirror or a local copy, and headless mode, when the mirror refuses connections', async () => {
    const port = await closedPort();
    const result = await start(`http://127.0.0.1:${port}`);

    expect(result.code).toBe(1);
    expectOneHelpfulMessage(result.stderr);
    expect(result.stderr).toContain(
      `What failed: the connection to 127.0.0.1:${port} was refused (http://127.0.0.1:${port}${FOLDER}/${ARCHIVE}).`,
    );
  });

  it('refuses an archive whose checksum does not match, and unpacks nothing', async () => {
    mirror = await startMirror({
      ...files,
      [`${FOLDER}/SHASUMS256.txt`]: `${sha256(Buffer.from('other'))} *${ARCHIVE}\n`,
    });
    const result = await start(mirror.url);

    expect(result.code).toBe(1);
    expectOneHelpfulMessage(result.stderr);
    expect(result.stderr).toContain(`What failed: ${ARCHIVE} does not match its published SHA-256 checksum`);
    expect(readdirRecursive(cache).some((file) => file.endsWith(ARCHIVE))).toBe(false);
  });

  it('names the HTTP status when the mirror has no such release', async () => {
    mirror = await startMirror({});
    const result = await start(mirror.url);

    expect(result.code).toBe(1);
    expectOneHelpfulMessage(result.stderr);
    expect(result.stderr).toContain(
      `What failed: ${mirror.url}${FOLDER}/${ARCHIVE} answered 404 Not Found; check ELECTRON_MIRROR and ELECTRON_CUSTOM_DIR.`,
    );
  });

  it('checks the archive against the checksums shipped with the electron package by default', async () => {
    // Without electron_use_remote_checksums the stand-in cannot match Electron's real checksums.
    mirror = await startMirror(files);
    const result = await start(mirror.url, { electron_use_remote_checksums: '' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`What failed: ${ARCHIVE} does not match its published SHA-256 checksum`);
    expect(mirror.requests).toEqual([`${FOLDER}/${ARCHIVE}`]);
  });

  it('uses the folder in ELECTRON_OVERRIDE_DIST_PATH without downloading, and says when it holds no Electron', async () => {
    mirror = await startMirror(files);
    const local = join(tmp, 'local-electron');
    // A local copy: the stand-in unpacked by hand.
    mkdirSync(join(local, executable!, '..'), { recursive: true });
    writeFileSync(join(local, executable!), STAND_IN_SCRIPT, { mode: 0o755 });
    const ok = await start(mirror.url, { ELECTRON_OVERRIDE_DIST_PATH: local });
    expect(ok.code).toBe(0);
    expect(readFileSync(record, 'utf8')).toBe(`${app.appDir}\n`);

    const missing = await start(mirror.url, { ELECTRON_OVERRIDE_DIST_PATH: join(tmp, 'nowhere') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `ELECTRON_OVERRIDE_DIST_PATH is set, but ${join(tmp, 'nowhere', executable!)} does not exist`,
    );
    expect(mirror.requests).toEqual([]);
  });
});

function readdirRecursive(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
}
