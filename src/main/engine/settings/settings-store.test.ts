import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, parseSettings } from '../../../shared/settings.js';
import { jsonFileBackend } from './json-file-backend.js';
import type { SecretSealer } from './secret-codec.js';
import { SettingsStore, memoryBackend } from './settings-store.js';
import { migrateSettings, moveLegacyInterval } from './settings-migrations.js';
import { repairSettings } from './settings-repair.js';

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

  it('resets the finer retention when a stored file keeps a coarser tier for less time', () => {
    const { settings, resets } = repairSettings({ storage: { retention: { rawDays: 120, hourDays: 400 } } });
    expect(settings.storage.retention).toMatchObject({ rawDays: 7, minuteDays: 90, hourDays: 400 });
    expect(resets.map((r) => [r.path, r.was])).toEqual([['storage.retention.rawDays', 120]]);
    expect(resets[0]!.message).toMatch(/^120 days is longer than minuteDays \(90\)/);
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

/** A sealer that marks what it sealed, as the desktop's keyring does with enc:v1:. */
const reversing: SecretSealer = {
  seal: (plain) => `enc:v1:${[...plain].reverse().join('')}`,
  open: (sealed) => [...sealed.slice('enc:v1:'.length)].reverse().join(''),
};

describe('SettingsStore: strict (the CLI)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => {
    dir = mkdtempSync(join(tmpdir(), 'dashlight-settings-'));
    return join(dir, 'config.json');
  };

  it('migrates before validating, and never writes the file it read', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ interval: '5s' }));
    const settings = new SettingsStore({ backend: jsonFileBackend(path) }).load();
    expect(settings.sampling.interval).toBe(5000);
    expect(readFileSync(path, 'utf8')).toBe('{"interval":"5s"}');
  });

  it('names the file and the field, and says what a duration must be', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ sampling: { interval: true } }));
    expect(() => new SettingsStore({ backend: jsonFileBackend(path) }).load()).toThrow(
      `invalid settings file ${path}: sampling.interval: must be a duration such as 2s, between 1s and 1h (got boolean)`,
    );
  });

  it('layers a --config file over the stored settings, naming that file in its errors', () => {
    const path = file();
    const store = new SettingsStore({ backend: jsonFileBackend(path) });
    store.save(mergeSettings(DEFAULT_SETTINGS, { storage: { retention: { rawDays: 3 } } }));
    const overlay = join(dir, 'overlay.json');
    writeFileSync(overlay, JSON.stringify({ sampling: { interval: '1s' } }));
    expect(store.load(overlay)).toMatchObject({ sampling: { interval: 1000 }, storage: { retention: { rawDays: 3 } } });
    writeFileSync(overlay, JSON.stringify({ sampling: { interval: '1ms' } }));
    expect(() => store.load(overlay)).toThrow(
      `invalid config file ${overlay}: sampling.interval: must be a duration such as 2s, between 1s and 1h (got "1ms")`,
    );
    expect(() => store.load(join(dir, 'missing.json'))).toThrow(
      `config file ${join(dir, 'missing.json')} does not exist`,
    );
  });
});

describe('SettingsStore: repaired (the tray app)', () => {
  it('migrates, repairs, reports, and writes the repaired settings back once', () => {
    const backend = memoryBackend({ interval: '1s', log: { level: 'loud' } });
    const log = { warn: vi.fn() };
    const store = new SettingsStore({ backend, log });
    const first = store.loadRepaired();
    expect(first.settings.sampling.interval).toBe(1000);
    expect(first.resets).toEqual([expect.objectContaining({ path: 'log.level', was: 'loud' })]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(store.loadRepaired().resets).toEqual([]);
    expect(backend.value).toMatchObject({ sampling: { interval: 1000 }, log: { level: 'info' } });
  });

  it('never crashes on a backend that cannot be read', () => {
    const backend = {
      path: '(broken)',
      read: () => {
        throw new Error('EACCES');
      },
      write: vi.fn(),
    };
    expect(new SettingsStore({ backend }).loadRepaired().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('drops a marker copied into the file by hand: it stands for no secret', () => {
    const backend = memoryBackend({
      push: { targets: [target('vm', { type: 'bearer', token: { set: true, last4: null } })] },
    });
    const { settings, resets } = new SettingsStore({ backend }).loadRepaired();
    expect(settings.push.targets.map((t) => [t.name, t.auth])).toEqual([['vm', null]]);
    expect(resets.map((r) => [r.path, r.message])).toEqual([
      ['push.targets.0.auth.token', 'no stored secret to keep here: enter the value'],
      ['push.targets.0.auth', expect.any(String)],
    ]);
  });
});

describe('SettingsStore: secrets', () => {
  it("seals text with the shell's sealer on save, leaves references, and returns the stored form", () => {
    const backend = memoryBackend();
    const store = new SettingsStore({ backend, sealer: reversing });
    const settings = parseSettings({
      push: {
        targets: [
          target('vm', { type: 'bearer', token: 's3cret' }),
          target('f', { type: 'token', token: { file: '/run/t' } }),
        ],
      },
      alerts: { webhook: { url: 'https://hooks.example.com/x', token: 'hook' } },
    });
    const stored = store.save(settings);
    expect(JSON.stringify(backend.value)).not.toContain('s3cret');
    expect(stored.push.targets.map((t) => t.auth)).toEqual([
      { type: 'bearer', token: 'enc:v1:terc3s' },
      { type: 'token', token: { file: '/run/t' } },
    ]);
    expect(stored.alerts.webhook?.token).toBe('enc:v1:kooh');
    expect(backend.value).toEqual(stored);
    // Saving again seals nothing twice.
    expect(store.save(stored)).toEqual(stored);
    expect(
      store.codec.open(stored.push.targets[0]!.auth!.type === 'bearer' ? stored.push.targets[0]!.auth!.token : ''),
    ).toBe('s3cret');
  });
});
