import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { fake } from '../test-support/fake-electron.js';
import { SettingsStore } from './settings-store.js';
import { electronStoreBackend } from './electron-store-backend.js';

// electron-store is loaded by Node itself (not through vitest), so it imports the real `electron`
// package, which only resolves its binary's path; pointing that elsewhere keeps it from trying
// to download Electron. electron-store then works as in Node with the absolute `cwd` we pass.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});
vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

describe('electronStoreBackend', () => {
  let dir: string;
  beforeEach(() => {
    fake.reset();
    dir = mkdtempSync(join(tmpdir(), 'dashlight-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips settings through <cwd>/config.json in the headless format', () => {
    const backend = electronStoreBackend({ cwd: dir, projectVersion: '0.1.0' });
    expect(backend.path).toBe(join(dir, 'config.json'));
    const settings = parseSettings({ sampling: { interval: '5s' } });
    new SettingsStore({ backend }).save(settings);
    const text = readFileSync(join(dir, 'config.json'), 'utf8');
    // No electron-store bookkeeping: the headless engine's strict schema reads this file too.
    expect(text).not.toContain('__internal__');
    expect(parseSettings(JSON.parse(text))).toEqual(settings);
    const reopened = new SettingsStore({ backend: electronStoreBackend({ cwd: dir, projectVersion: '0.1.0' }) });
    expect(reopened.load()).toEqual({ settings, resets: [] });
  });

  it('runs the migrations on an existing file and repairs bad fields', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ interval: '1s', log: { level: 'loud' } }));
    const backend = electronStoreBackend({ cwd: dir, projectVersion: '0.1.0' });
    const { settings, resets } = new SettingsStore({ backend }).load();
    expect(settings.sampling.interval).toBe(1000);
    expect(resets).toEqual([expect.objectContaining({ path: 'log.level', was: 'loud' })]);
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(onDisk).not.toHaveProperty('interval');
    expect(onDisk).not.toHaveProperty('__internal__');
    expect(parseSettings(onDisk)).toEqual(settings);
  });

  it('moves an unreadable file aside, starts from the defaults and reports it', () => {
    writeFileSync(join(dir, 'config.json'), '{ "log": ');
    const backend = electronStoreBackend({ cwd: dir, projectVersion: '0.1.0' });
    const { settings, resets } = new SettingsStore({ backend }).load();
    expect(settings).toEqual(parseSettings({}));
    expect(resets).toEqual([expect.objectContaining({ path: '(root)', message: expect.stringMatching(/moved to/) })]);
    expect(readdirSync(dir).some((name) => name.startsWith('config.json.invalid-'))).toBe(true);
    expect(parseSettings(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')))).toEqual(settings);
  });
});
