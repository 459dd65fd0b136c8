import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../../shared/settings.js';
import { electron, fake } from '../test-support/fake-electron.js';
import { SettingsStore, memoryBackend } from './settings-store.js';
import { migrateSettings, moveLegacyInterval } from './settings-migrations.js';
import { repairSettings } from './settings-repair.js';
import { TokenVault } from './token-vault.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const target = (name: string, auth: unknown) => ({ name, kind: 'influx', url: 'http://metrics.lan:8428/write', auth });

describe('settings migrations', () => {
  it('moves a legacy top-level interval into sampling.interval', () => {
    expect(moveLegacyInterval({ interval: '1s', log: { level: 'debug' } })).toEqual({
      sampling: { interval: '1s' },
      log: { level: 'debug' },
    });
    expect(migrateSettings({ interval: 5000, sampling: { slowInterval: '30s' } })).toEqual({
      sampling: { slowInterval: '30s', interval: 5000 },
    });
  });

  it('keeps an interval already under sampling, and is idempotent', () => {
    expect(migrateSettings({ interval: '9s', sampling: { interval: '1s' } })).toEqual({ sampling: { interval: '1s' } });
    const once = migrateSettings({ interval: '3s' });
    expect(migrateSettings(once)).toEqual(once);
    expect(migrateSettings('garbage')).toBe('garbage');
  });
});

describe('repairSettings', () => {
  it('resets each bad field to its default, keeps the valid ones, and reports each reset', () => {
    const stored = {
      sampling: { interval: 'fast', slowInterval: '30s' },
      storage: { retention: { rawDays: -1, minuteDays: 30 } },
      log: { level: 'loud' },
    };
    const { settings, resets } = repairSettings(stored);
    expect(settings.sampling.interval).toBe(DEFAULT_SETTINGS.sampling.interval);
    expect(settings.sampling.slowInterval).toBe(30_000);
    expect(settings.storage.retention.rawDays).toBe(DEFAULT_SETTINGS.storage.retention.rawDays);
    expect(settings.storage.retention.minuteDays).toBe(30);
    expect(settings.log.level).toBe('info');
    expect(resets.map((r) => [r.path, r.was])).toEqual([
      ['sampling.interval', 'fast'],
      ['storage.retention.rawDays', -1],
      ['log.level', 'loud'],
    ]);
    for (const reset of resets) expect(reset.message).not.toBe('');
    // The input is not modified.
    expect(stored.log.level).toBe('loud');
  });

  it('drops unknown keys one by one and a push target missing a required field', () => {
    const { settings, resets } = repairSettings({
      colour: 'blue',
      log: { level: 'warn', verbose: true },
      push: { targets: [{ name: 'nourl', kind: 'influx' }, target('ok', null)] },
    });
    expect(settings.log.level).toBe('warn');
    expect(settings.push.targets.map((t) => t.name)).toEqual(['ok']);
    expect(resets.map((r) => r.path)).toEqual(expect.arrayContaining(['colour', 'log.verbose', 'push.targets.0']));
  });

  it('resets everything when the stored value is not an object', () => {
    expect(repairSettings('nonsense')).toMatchObject({ settings: DEFAULT_SETTINGS, resets: [{ path: '(root)' }] });
    expect(repairSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, stored: {}, resets: [] });
  });
});

describe('SettingsStore', () => {
  beforeEach(() => fake.reset());

  it('migrates, repairs, reports, and writes the repaired settings back once', () => {
    const backend = memoryBackend({ interval: '1s', log: { level: 'loud' } });
    const log = { warn: vi.fn() };
    const store = new SettingsStore({ backend, log });
    const first = store.load();
    expect(first.settings.sampling.interval).toBe(1000);
    expect(first.resets).toEqual([expect.objectContaining({ path: 'log.level', was: 'loud' })]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(store.load().resets).toEqual([]);
    expect(backend.value).toMatchObject({ sampling: { interval: 1000 }, log: { level: 'info' } });
  });

  it('never crashes on a backend that cannot be read', () => {
    const backend = {
      read: () => {
        throw new Error('EACCES');
      },
      write: vi.fn(),
    };
    expect(new SettingsStore({ backend }).load().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('stores push secrets sealed and loads them in clear', () => {
    const backend = memoryBackend();
    const store = new SettingsStore({ backend, vault: new TokenVault(electron.safeStorage, 'linux') });
    const settings = parseSettings({ push: { targets: [target('vm', { type: 'bearer', token: 's3cret' })] } });
    store.save(settings);
    expect(JSON.stringify(backend.value)).not.toContain('s3cret');
    expect((backend.value as typeof settings).push.targets[0]!.auth).toMatchObject({
      token: expect.stringMatching(/^enc:v1:/),
    });
    expect(store.load().settings.push.targets[0]!.auth).toEqual({ type: 'bearer', token: 's3cret' });
  });

  it('drops and reports a token that can no longer be decrypted, without the token in the report', () => {
    const backend = memoryBackend({ push: { targets: [target('vm', { type: 'bearer', token: 'enc:v1:AAAA' })] } });
    const { settings, resets } = new SettingsStore({
      backend,
      vault: new TokenVault(electron.safeStorage, 'linux'),
    }).load();
    expect(settings.push.targets[0]!.auth).toBeNull();
    expect(resets).toEqual([
      { path: 'push.targets.0.auth', message: expect.stringMatching(/enter the token again/), was: '(encrypted)' },
    ]);
    expect((backend.value as typeof settings).push.targets[0]!.auth).toBeNull();
  });
});
