import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../shared/settings.js';
import { jsonFileBackend } from './json-file-backend.js';
import { SettingsStore } from './settings-store.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'dashlight-settings-'));

describe('jsonFileBackend', () => {
  it('gives defaults when nothing is stored, round-trips a save, owner-only, no temp file left', async () => {
    const dir = await tempDir();
    const store = new SettingsStore({ backend: jsonFileBackend(join(dir, 'config.json')) });
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    const changed = mergeSettings(DEFAULT_SETTINGS, { sampling: { interval: '5s' } });
    store.save(changed);
    expect(store.load()).toEqual(changed);
    expect(await readdir(dir)).toEqual(['config.json']);
    // It may hold tokens typed in clear: readable by its owner only.
    expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
  });

  it('accepts a UTF-8 byte order mark, as Windows editors write it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'config.json');
    await writeFile(path, `\uFEFF${JSON.stringify({ sampling: { interval: '3s' } })}`);
    expect(new SettingsStore({ backend: jsonFileBackend(path) }).load().sampling.interval).toBe(3000);
  });

  it("reports bad JSON and a folder in the file's place with the file, and keeps the file", async () => {
    const dir = await tempDir();
    const path = join(dir, 'config.json');
    await writeFile(path, '{ "sampling": ');
    expect(() => new SettingsStore({ backend: jsonFileBackend(path) }).load()).toThrow(
      /config\.json is not valid JSON.*fix the file or remove it to use the defaults/,
    );
    expect(await readFile(path, 'utf8')).toBe('{ "sampling": ');
    expect(() => new SettingsStore({ backend: jsonFileBackend(dir) }).load()).toThrow(
      `settings file ${dir} is a folder, not a file`,
    );
  });
});
