import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { electron, fake } from '../test-support/fake-electron.js';
import { SEALED_PREFIX, TokenVault } from './token-vault.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const { safeStorage } = electron;

describe('TokenVault', () => {
  beforeEach(() => fake.reset());

  it('reports where secrets would go', () => {
    expect(new TokenVault(safeStorage, 'linux').status()).toBe('os-keyring');
    safeStorage.backend = 'basic_text';
    expect(new TokenVault(safeStorage, 'linux').status()).toBe('basic_text');
    // getSelectedStorageBackend is Linux-only; elsewhere available means the OS keychain.
    expect(new TokenVault(safeStorage, 'darwin').status()).toBe('os-keyring');
    safeStorage.backend = 'unknown';
    expect(new TokenVault(safeStorage, 'linux').status()).toBe('unavailable');
    safeStorage.available = false;
    expect(new TokenVault(safeStorage, 'win32').status()).toBe('unavailable');
  });

  it('round-trips a secret through the keyring, with a prefix', () => {
    const vault = new TokenVault(safeStorage, 'linux');
    const sealed = vault.seal('tok-123');
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('tok-123');
    expect(vault.seal(sealed)).toBe(sealed);
    expect(vault.open(sealed)).toBe('tok-123');
    expect(vault.open('plain-from-headless')).toBe('plain-from-headless');
  });

  it('seals every kind of push secret, and nothing else', () => {
    const vault = new TokenVault(safeStorage, 'linux');
    const settings = parseSettings({
      push: {
        targets: [
          { name: 'a', kind: 'influx', url: 'http://h/write', auth: { type: 'bearer', token: 't1' } },
          { name: 'b', kind: 'influx', url: 'http://h/write', auth: { type: 'api-key', key: 'k1' } },
          { name: 'c', kind: 'influx', url: 'http://h/write', auth: { type: 'basic', username: 'me', password: 'pw' } },
          { name: 'd', kind: 'influx', url: 'http://h/write', auth: null },
        ],
      },
    });
    const sealed = vault.sealSettings(settings);
    const text = JSON.stringify(sealed);
    for (const secret of ['"t1"', '"k1"', '"pw"']) expect(text).not.toContain(secret);
    expect(sealed.push.targets[1]!.auth).toMatchObject({ header: 'X-API-Key' });
    expect(sealed.push.targets[2]!.auth).toMatchObject({ username: 'me' });
    expect(sealed.push.targets[3]!.auth).toBeNull();
    expect(parseSettings(sealed)).toEqual(sealed);
    expect(vault.openSettings(sealed)).toEqual(settings);
  });

  it('asks for confirmation before storing a token with basic_text', () => {
    safeStorage.backend = 'basic_text';
    const vault = new TokenVault(safeStorage, 'linux');
    expect(() => vault.seal('tok-123')).toThrow(/hard-coded key.*confirm/);
    expect(() => vault.seal('tok-123', { confirmedPlainText: false })).toThrow(/confirm/);
    expect(vault.open(vault.seal('tok-123', { confirmedPlainText: true }))).toBe('tok-123');
  });

  it('refuses to store a token when safeStorage is unavailable', () => {
    safeStorage.available = false;
    const vault = new TokenVault(safeStorage, 'linux');
    expect(() => vault.seal('tok-123', { confirmedPlainText: true })).toThrow(/no OS keyring/);
    // Settings without secrets still save.
    expect(vault.sealSettings(parseSettings({}))).toEqual(parseSettings({}));
  });

  it('never puts the secret into its errors', () => {
    safeStorage.backend = 'basic_text';
    const vault = new TokenVault(safeStorage, 'linux');
    try {
      vault.seal('tok-SECRET');
    } catch (error) {
      expect(String(error)).not.toContain('tok-SECRET');
    }
    expect(() => vault.open(`${SEALED_PREFIX}bm90LWVuY3J5cHRlZA==`)).toThrow(/enter the token again/);
  });
});
