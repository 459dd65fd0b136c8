// The tray app keeps the /metrics credential and the MQTT password as it keeps push tokens: sealed
// with the OS keyring in config.json, opened only where they are sent, never shown once stored.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mqttSettingsSchema } from '../../../shared/mqtt-settings.js';
import { scrapeAuthSchema } from '../../../shared/prometheus-settings.js';
import { parseSettings } from '../../../shared/settings.js';
import { memoryBackend, SettingsStore } from '../../engine/settings/settings-store.js';
import { electron, fake } from '../test-support/fake-electron.js';
import { SEALED_PREFIX, TokenVault } from './token-vault.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const settings = parseSettings({
  prometheus: { enabled: true, auth: { type: 'bearer', token: 'scrape-token-0123456789' } },
  mqtt: { enabled: true, username: 'dashlight', password: 'broker-pass' },
});

describe('the scrape and MQTT secrets in the tray app', () => {
  beforeEach(() => fake.reset());

  it('are sealed on disk, shown as markers and opened where they are sent', () => {
    const backend = memoryBackend();
    const store = new SettingsStore({ backend, sealer: new TokenVault(electron.safeStorage, 'linux') });
    store.save(settings);
    const disk = JSON.stringify(backend.value);
    expect(disk).not.toContain('scrape-token-0123456789');
    expect(disk).not.toContain('broker-pass');
    const loaded = store.load();
    expect(loaded.mqtt.username).toBe('dashlight');
    expect(String(loaded.mqtt.password).startsWith(SEALED_PREFIX)).toBe(true);
    const shown = store.codec.redact(loaded);
    expect(shown.prometheus.auth).toEqual({ type: 'bearer', token: { set: true, last4: '6789' } });
    expect(shown.mqtt.password).toEqual({ set: true, last4: null });
    expect(store.codec.openAll(scrapeAuthSchema, loaded.prometheus.auth)).toEqual({
      type: 'bearer',
      token: 'scrape-token-0123456789',
    });
    expect(store.codec.openAll(mqttSettingsSchema, loaded.mqtt).password).toBe('broker-pass');
  });

  it('sealed by the tray app, are named by path in the headless engine and never sent', () => {
    const backend = memoryBackend();
    new SettingsStore({ backend, sealer: new TokenVault(electron.safeStorage, 'linux') }).save(settings);
    const headless = new SettingsStore({ backend });
    const loaded = headless.load();
    const problems = headless.codec.problems(scrapeAuthSchema, loaded.prometheus.auth);
    expect(problems.map((p) => p.path)).toEqual(['token']);
    expect(problems[0]!.problem).toMatch(/^it was sealed by the desktop app with the OS keyring/);
    expect(() => headless.codec.openAll(mqttSettingsSchema, loaded.mqtt)).toThrow(/^password: it was sealed/);
  });
});
