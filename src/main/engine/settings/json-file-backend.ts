/**
 * Where the headless engine keeps its settings: `config.json` in the data folder (the file the
 * desktop app's electron-store keeps too). Reads accept a UTF-8 byte order mark, which Windows
 * editors add; writes are atomic (temp file, then rename) and readable by the owner only (0600),
 * since the file may hold tokens.
 *
 * @example
 * const store = new SettingsStore({ backend: jsonFileBackend('/home/me/.config/Dashlight/config.json') });
 * readSettingsJson('/etc/dashlight.json', 'config file'); // the parsed object, or a SettingsError naming the file
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SettingsError } from '../../../shared/settings.js';
import { readFailureText } from '../store/sqlite-errors.js';
import type { SettingsBackend } from './settings-store.js';

const BOM = '\uFEFF';

/** The parsed JSON of a settings file, or undefined when there is none; errors name the file and the fix. */
export function readSettingsJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new SettingsError(`${what} ${path} is a folder, not a file`, []);
    if (code === 'EIO') throw new SettingsError(readFailureText(what, path, error), []);
    throw new SettingsError(`cannot read ${what} ${path}: ${(error as Error).message}`, []);
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SettingsError(
      `${what} ${path} is not valid JSON (${(error as Error).message}); fix the file or remove it to use the defaults`,
      [],
    );
  }
}

/** Writes `value` as 2-space JSON with a final newline, atomically, mode 0600. */
export function writeSettingsJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    // A file made before this rule keeps its mode through rename only if we set it here.
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`cannot save settings to ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The headless `SettingsBackend`: one JSON file. */
export function jsonFileBackend(path: string): SettingsBackend {
  return {
    path,
    read: () => readSettingsJson(path, 'settings file'),
    write: (value) => writeSettingsJson(path, value),
  };
}
