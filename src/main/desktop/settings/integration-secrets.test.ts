// The tray app keeps the /metrics credential and the MQTT password as it keeps push tokens:
// sealed with the OS keyring in config.json, in clear only in memory.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { electron, fake } from '../test-support/fake-electron.js';
import { memoryBackend, SettingsStore } from './settings-store.js';
import { SEALED_PREFIX, TokenVault } from './token-vault.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const settings = parseSettings({
  prometheus: { enabled: true, auth: { type: 'bearer', token: 'scrape-token-0123456789' } },
  mqtt: { enabled: true, username: 'dashlight', password: 'broker-pass' },
});

describe('the scrape and MQTT secrets in the tray app', () => {
  beforeEach(() => fake.reset());

  it('are sealed on disk and opened when loaded', () => {
    const backend = memoryBackend();
    const store = new SettingsStore({ backend, vault: new TokenVault(electron.safeStorage, 'linux') });
    store.save(settings);
    const disk = JSON.stringify(backend.value);
    expect(disk).not.toContain('scrape-token-0123456789');
    expect(disk).not.toContain('broker-pass');
    const onDisk = backend.value as typeof settings;
    expect(onDisk.mqtt.password?.startsWith(SEALED_PREFIX)).toBe(true);
    expect(onDisk.mqtt.username).toBe('dashlight');
    const { settings: loaded, resets } = store.load();
    expect(resets).toEqual([]);
    expect(loaded.prometheus.auth).toEqual({ type: 'bearer', token: 'scrape-token-0123456789' });
    expect(loaded.mqtt.password).toBe('broker-pass');
  });

  it('one that cannot be opened any more is dropped and said, the endpoint turned off', () => {
    const backend = memoryBackend();
    new SettingsStore({ backend, vault: new TokenVault(electron.safeStorage, 'linux') }).save(settings);
    electron.safeStorage.available = false;
    const vault = new TokenVault(electron.safeStorage, 'linux');
    vault.open = (stored) => {
      if (stored.startsWith(SEALED_PREFIX))
        throw new Error('cannot decrypt a stored push token (the OS keyring changed or is locked)');
      return stored;
    };
    const { settings: loaded, resets } = new SettingsStore({ backend, vault }).load();
    expect(resets.map((r) => r.path)).toEqual(['prometheus.auth']);
    expect(loaded.prometheus).toMatchObject({ enabled: false, auth: null });
    expect(loaded.mqtt.password).toBeNull();
  });
});
