import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { SecretUnavailableError } from '../../engine/settings/secret-codec.js';
import { electron, fake } from '../test-support/fake-electron.js';
import { SEALED_PREFIX, TokenVault } from './token-vault.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const { safeStorage } = electron;
const consented = parseSettings({ desktop: { allowPlainTextSecrets: true } });
const plain = parseSettings({});

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
    const sealed = vault.seal('tok-123', plain);
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('tok-123');
    expect(vault.seal(sealed, plain)).toBe(sealed);
    expect(vault.open(sealed)).toBe('tok-123');
  });

  it('asks for confirmation before storing a token with basic_text', () => {
    safeStorage.backend = 'basic_text';
    const vault = new TokenVault(safeStorage, 'linux');
    expect(() => vault.seal('tok-123', plain)).toThrow(
      'no OS keyring found (gnome-keyring or KWallet): the push token would be stored with a hard-coded key, ' +
        'which anyone who can read config.json can undo; confirm "store tokens without a keyring" in settings ' +
        '(desktop.allowPlainTextSecrets) to save it anyway',
    );
    expect(vault.open(vault.seal('tok-123', consented))).toBe('tok-123');
  });

  it('refuses to store a token when safeStorage is unavailable, even with consent', () => {
    safeStorage.available = false;
    expect(() => new TokenVault(safeStorage, 'linux').seal('tok-123', consented)).toThrow(/no OS keyring is available/);
  });

  it('never puts the secret or the ciphertext into its errors', () => {
    safeStorage.backend = 'basic_text';
    const vault = new TokenVault(safeStorage, 'linux');
    expect(() => vault.seal('tok-SECRET', plain)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tok-SECRET') }),
    );
    const undecryptable = `${SEALED_PREFIX}bm90LWVuY3J5cHRlZA==`;
    expect(() => vault.open(undecryptable)).toThrow(SecretUnavailableError);
    expect(() => vault.open(undecryptable)).toThrow(
      'it cannot be decrypted (the OS keyring changed or is locked); enter the token again in settings',
    );
  });
});
