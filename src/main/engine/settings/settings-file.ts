/**
 * Settings persisted as JSON in the data folder (`config.json`, the file electron-store uses
 * for the desktop app), with an optional `--config` file layered on top at start.
 * Writes are atomic (temp file, then rename) so a crash never leaves half a file.
 *
 * @example
 * const file = new SettingsFile('/home/me/.config/Dashlight/config.json');
 * const settings = await file.load('/etc/dashlight.json'); // throws SettingsError naming the field
 * await file.save(mergeSettings(settings, { sampling: { interval: '1s' } }));
 */
import { readFile, rename, writeFile, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mergeSettings, parseSettings, SettingsError, type Settings } from '../../../shared/settings.js';

async function readJson(path: string, what: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SettingsError(`cannot read ${what} ${path}: ${(error as Error).message}`, []);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SettingsError(
      `${what} ${path} is not valid JSON (${(error as Error).message}); fix the file or remove it to use the defaults`,
      [],
    );
  }
}

export class SettingsFile {
  constructor(readonly path: string) {}

  /**
   * Loads the stored settings, then layers the `--config` file over them. The stored file is
   * never rewritten just because it was read, so a bad file is left for the user to fix.
   */
  async load(configFile?: string): Promise<Settings> {
    const stored = parseSettings(await readJson(this.path, 'settings file'), `settings file ${this.path}`);
    if (!configFile) return stored;
    const overlay = await readJson(configFile, 'config file');
    if (overlay === undefined) throw new SettingsError(`config file ${configFile} does not exist`, []);
    return mergeSettings(stored, overlay, `config file ${configFile}`);
  }

  async save(settings: Settings): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw new Error(`cannot save settings to ${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }
}
