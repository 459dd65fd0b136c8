import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../shared/settings.js';
import { SettingsFile } from './settings-file.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'dashlight-settings-'));

describe('SettingsFile', () => {
  it('gives defaults when nothing is stored, and round-trips a save', async () => {
    const dir = await tempDir();
    const file = new SettingsFile(join(dir, 'config.json'));
    expect(await file.load()).toEqual(DEFAULT_SETTINGS);
    const changed = mergeSettings(DEFAULT_SETTINGS, { sampling: { interval: '5s' } });
    await file.save(changed);
    expect(await file.load()).toEqual(changed);
    expect(await readdir(dir)).toEqual(['config.json']); // no temp file left behind
  });

  it('layers a --config file over the stored settings', async () => {
    const dir = await tempDir();
    const file = new SettingsFile(join(dir, 'config.json'));
    await file.save(mergeSettings(DEFAULT_SETTINGS, { storage: { retention: { rawDays: 3 } } }));
    const overlay = join(dir, 'overlay.json');
    await writeFile(overlay, JSON.stringify({ sampling: { interval: '1s' } }));
    const settings = await file.load(overlay);
    expect(settings.sampling.interval).toBe(1000);
    expect(settings.storage.retention.rawDays).toBe(3);
  });

  it('reports bad JSON and bad fields with the file and the field path, and keeps the file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'config.json');
    await writeFile(path, '{ "sampling": ');
    await expect(new SettingsFile(path).load()).rejects.toThrow(
      /config\.json is not valid JSON.*fix the file or remove it/,
    );
    await writeFile(path, JSON.stringify({ sampling: { interval: 'fast' } }));
    await expect(new SettingsFile(path).load()).rejects.toThrow(
      /settings file .*config\.json: sampling\.interval: bad duration "fast"/,
    );
    expect(await readFile(path, 'utf8')).toContain('fast');
    await expect(new SettingsFile(join(dir, 'none.json')).load(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json does not exist/,
    );
  });
});
