// @ts-check
/**
 * Gets the Electron binary the way Electron itself does, showing the download. Electron 45 has no
 * install step: `require('electron')` runs node_modules/electron/install.js the first time, which
 * downloads with @electron/get (honouring ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR,
 * electron_config_cache, electron_use_remote_checksums, ELECTRON_INSTALL_ARCH, …) and unpacks into
 * node_modules/electron/dist. Here the same @electron/get call, with the same arguments as
 * install.js, fills Electron's download cache while a progress line shows what is happening;
 * then install.js itself runs, finds the archive in that cache, checks it again and unpacks it.
 * A failed download becomes one ElectronUnavailable message (see download-failure.js).
 *
 * @example
 * const binary = await obtainElectron(appDir, { progress: new DownloadProgress(process.stderr) });
 */
import { execSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DownloadError, ElectronUnavailable, unavailableMessage, whatFailed } from './download-failure.js';
import { DownloadProgress } from './download-progress.js';
import { findElectronPackage, installPlatform, locateElectron } from './electron-package.js';

/** @typedef {import('./electron-package.js').ElectronPackage} ElectronPackage */

/**
 * For `npm start` and `npm run dev`: the binary, with progress on stderr, or the message on
 * stderr and exit code 1.
 * @param {string} appDir
 * @returns {Promise<string>}
 */
export async function obtainElectronOrExit(appDir) {
  try {
    return await obtainElectron(appDir, { progress: new DownloadProgress(process.stderr) });
  } catch (error) {
    if (!(error instanceof ElectronUnavailable)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * The binary's path, downloading and unpacking it first when needed.
 * @param {string} appDir the folder whose node_modules holds `electron`
 * @param {{ progress: DownloadProgress; log?: (line: string) => void }} options
 * @returns {Promise<string>}
 * @throws {ElectronUnavailable}
 */
export async function obtainElectron(appDir, { progress, log = (line) => process.stderr.write(`${line}\n`) }) {
  const pkg = findElectronPackage(appDir);
  if (!pkg) throw new ElectronUnavailable('dashlight: the electron package is not installed; run "npm install".');
  const found = locateElectron(pkg);
  if (found.kind === 'override') {
    if (found.exists) return found.binary;
    throw new ElectronUnavailable(
      `dashlight: ELECTRON_OVERRIDE_DIST_PATH is set, but ${found.binary} does not exist.\n` +
        '  Point it at the folder that holds the Electron executable (an unpacked Electron release), or unset it to download Electron.',
    );
  }
  if (found.kind === 'installed') return found.binary;

  const target = downloadTarget(pkg);
  try {
    await fillDownloadCache(pkg, target, progress);
  } catch (error) {
    throw new ElectronUnavailable(
      unavailableMessage({
        version: pkg.version,
        target: `${target.platform}-${target.arch}`,
        what: whatFailed(error),
      }),
    );
  } finally {
    progress.finish();
  }
  log(`Unpacking Electron ${pkg.version}…`);
  const install = await runInstallScript(pkg);
  const installed = locateElectron(pkg);
  if (install.code === 0 && installed.kind === 'installed') return installed.binary;
  const cause = install.stderr.trim().split('\n')[0] || `install.js exited with code ${install.code}`;
  throw new ElectronUnavailable(
    `dashlight: Electron ${pkg.version} was downloaded but could not be unpacked into ${join(pkg.dir, 'dist')}: ${cause}\n` +
      '  Delete node_modules/electron and run "npm install", then "npm start" again; or set ELECTRON_OVERRIDE_DIST_PATH\n' +
      '  to a folder that holds the Electron executable. Headless mode needs no Electron: npx dashlight run --serve',
  );
}

/**
 * What install.js downloads for: the same variables and the same Rosetta check.
 * @param {ElectronPackage} pkg
 */
function downloadTarget(pkg) {
  const env = process.env;
  const platform = installPlatform(env);
  let arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  if (platform === 'darwin' && process.platform === 'darwin' && arch === 'x64' && env.npm_config_arch === undefined) {
    try {
      if (execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1') arch = 'arm64';
    } catch {
      // Not under Rosetta, or no sysctl: keep x64, as install.js does.
    }
  }
  const remoteChecksums = Boolean(env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums);
  const checksums = remoteChecksums ? undefined : JSON.parse(readFileSync(join(pkg.dir, 'checksums.json'), 'utf8'));
  return { platform, arch, checksums, cacheRoot: env.electron_config_cache };
}

/**
 * Downloads and verifies the archive into Electron's cache with @electron/get, the package
 * install.js uses, through its own FetchDownloader wrapped to report progress.
 * @param {ElectronPackage} pkg
 * @param {ReturnType<typeof downloadTarget>} target
 * @param {DownloadProgress} progress
 */
async function fillDownloadCache(pkg, target, progress) {
  const getEntry = createRequire(join(pkg.dir, 'package.json')).resolve('@electron/get');
  const get = await import(pathToFileURL(getEntry).href);
  const fetcher = new get.FetchDownloader();
  const downloader = {
    /**
     * @param {string} url
     * @param {string} file
     * @param {Record<string, unknown> | undefined} options
     */
    async download(url, file, options) {
      const parsed = new URL(url);
      progress.start(parsed.pathname.split('/').pop() ?? url, parsed.origin);
      try {
        await fetcher.download(url, file, {
          ...options,
          quiet: true,
          /** @param {{ transferred: number; total: number | null }} p */
          getProgressCallback: async (p) => progress.update(p.transferred, p.total),
        });
      } catch (error) {
        throw new DownloadError(url, error);
      } finally {
        progress.finish();
      }
    },
  };
  await get.downloadArtifact({
    version: pkg.version,
    artifactName: 'electron',
    cacheRoot: target.cacheRoot,
    checksums: target.checksums,
    platform: target.platform,
    arch: target.arch,
    downloader,
  });
}

/**
 * Runs Electron's own install.js (which unpacks from the cache filled above). Its output is kept
 * for the error message rather than shown: on failure it prints a whole stack.
 * @param {ElectronPackage} pkg
 * @returns {Promise<{ code: number | null; stderr: string }>}
 */
function runInstallScript(pkg) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(pkg.dir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
