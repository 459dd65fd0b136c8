/**
 * The desktop app's `SecretSealer`: every secret of the settings (push tokens, API keys and
 * passwords, the webhook token: the fields declared with `secret()`) is written to `config.json`
 * encrypted with the OS keyring through Electron's `safeStorage`, as `enc:v1:<base64>`. On Linux
 * without a keyring, safeStorage falls back to `basic_text`: a key hard-coded in Chromium, which
 * is obfuscation, not protection, so saving a token then needs the user's explicit consent.
 * Secrets are never logged and never put into error messages.
 *
 * @example
 * const store = new SettingsStore({ backend, sealer: new TokenVault() });
 * new TokenVault().status(); // 'os-keyring'
 * vault.seal('s3cret', settings); // 'enc:v1:…'; vault.open('enc:v1:…') gives it back, in memory only
 */
import { safeStorage } from 'electron';
import type { Settings } from '../../../shared/settings.js';
import {
  isSealed,
  SEALED_PREFIX,
  SecretUnavailableError,
  type SecretSealer,
} from '../../engine/settings/secret-codec.js';

export { SEALED_PREFIX };

export type VaultStatus = 'os-keyring' | 'basic_text' | 'unavailable';

/** The part of Electron's `safeStorage` the vault uses (`getSelectedStorageBackend` is Linux-only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export class TokenVault implements SecretSealer {
  constructor(
    private readonly storage: SafeStorageLike = safeStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  status(): VaultStatus {
    if (!this.storage.isEncryptionAvailable()) return 'unavailable';
    if (this.platform !== 'linux') return 'os-keyring';
    const backend = this.storage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text') return 'basic_text';
    // 'unknown' means asked before the app was ready: nothing is known to protect the token yet.
    return backend === 'unknown' ? 'unavailable' : 'os-keyring';
  }

  /**
   * Encrypts one secret; an already sealed value is returned as it is. With only Chromium's
   * hard-coded key available, `settings.desktop.allowPlainTextSecrets` must say the user agreed.
   */
  seal(secret: string, settings: Pick<Settings, 'desktop'>): string {
    if (isSealed(secret)) return secret;
    const status = this.status();
    if (status === 'unavailable') {
      throw new Error(
        'cannot store the push token: no OS keyring is available to encrypt it (safeStorage is unavailable); ' +
          'use the headless mode with a config file, or set up a keyring',
      );
    }
    if (status === 'basic_text' && settings.desktop.allowPlainTextSecrets !== true) {
      throw new Error(
        'no OS keyring found (gnome-keyring or KWallet): the push token would be stored with a hard-coded key, ' +
          'which anyone who can read config.json can undo; confirm "store tokens without a keyring" in settings (desktop.allowPlainTextSecrets) to save it anyway',
      );
    }
    return SEALED_PREFIX + this.storage.encryptString(secret).toString('base64');
  }

  /** Decrypts one sealed secret. */
  open(stored: string): string {
    try {
      return this.storage.decryptString(Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64'));
    } catch {
      // The cause may quote the ciphertext; it is left out on purpose.
      throw new SecretUnavailableError(
        'it cannot be decrypted (the OS keyring changed or is locked); enter the token again in settings',
      );
    }
  }
}
