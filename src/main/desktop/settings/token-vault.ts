/**
 * Push tokens, API keys and passwords (`push.targets[].auth`) are written to `config.json`
 * encrypted with the OS keyring through Electron's `safeStorage`, as `enc:v1:<base64>`. On Linux
 * without a keyring, safeStorage falls back to `basic_text`: a key hard-coded in Chromium, which
 * is obfuscation, not protection, so saving a token then needs the user's explicit consent.
 * Secrets are never logged and never put into error messages.
 *
 * @example
 * const vault = new TokenVault();
 * vault.status(); // 'os-keyring'
 * const sealed = vault.sealSettings(settings, { confirmedPlainText: false }); // tokens → 'enc:v1:…'
 * vault.openSettings(sealed); // tokens back in clear, in memory only
 */
import { safeStorage } from 'electron';
import type { PushAuth } from '../../../shared/push-settings.js';
import type { Settings } from '../../../shared/settings.js';

export const SEALED_PREFIX = 'enc:v1:';

export type VaultStatus = 'os-keyring' | 'basic_text' | 'unavailable';

/** The part of Electron's `safeStorage` the vault uses (`getSelectedStorageBackend` is Linux-only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface SealOptions {
  /** The user accepted, in settings, that tokens are stored with a hard-coded key (Linux without a keyring). */
  readonly confirmedPlainText?: boolean;
}

type SecretField = 'token' | 'key' | 'password';
const SECRET_FIELDS: readonly SecretField[] = ['token', 'key', 'password'];

export const isSealed = (value: string): boolean => value.startsWith(SEALED_PREFIX);

export class TokenVault {
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

  /** Encrypts one secret; an already sealed value is returned as it is. */
  seal(secret: string, options: SealOptions = {}): string {
    if (isSealed(secret)) return secret;
    const status = this.status();
    if (status === 'unavailable') {
      throw new Error(
        'cannot store the push token: no OS keyring is available to encrypt it (safeStorage is unavailable); ' +
          'use the headless mode with a config file, or set up a keyring',
      );
    }
    if (status === 'basic_text' && options.confirmedPlainText !== true) {
      throw new Error(
        'no OS keyring found (gnome-keyring or KWallet): the push token would be stored with a hard-coded key, ' +
          'which anyone who can read config.json can undo; confirm "store tokens without a keyring" in settings (desktop.allowPlainTextSecrets) to save it anyway',
      );
    }
    return SEALED_PREFIX + this.storage.encryptString(secret).toString('base64');
  }

  /** Decrypts one secret; a value without the prefix is plain text (e.g. written by the headless mode). */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    try {
      return this.storage.decryptString(Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64'));
    } catch {
      // The cause may quote the ciphertext; it is left out on purpose.
      throw new Error(
        'cannot decrypt a stored push token (the OS keyring changed or is locked); enter the token again in settings',
      );
    }
  }

  sealAuth(auth: PushAuth, options: SealOptions = {}): PushAuth {
    return mapSecrets(auth, (secret) => this.seal(secret, options));
  }

  openAuth(auth: PushAuth): PushAuth {
    return mapSecrets(auth, (secret) => this.open(secret));
  }

  /** The settings as written to disk: every push secret sealed, and the scrape and MQTT ones. */
  sealSettings(settings: Settings, options: SealOptions = {}): Settings {
    const sealed = this.mapTargets(settings, (auth) => this.sealAuth(auth, options));
    return mapIntegrationSecrets(sealed, (secret) => this.seal(secret, options));
  }

  /** The settings as used in memory: every secret in clear. Throws when one cannot be decrypted. */
  openSettings(settings: Settings): Settings {
    return mapIntegrationSecrets(
      this.mapTargets(settings, (auth) => this.openAuth(auth)),
      (secret) => this.open(secret),
    );
  }

  private mapTargets(settings: Settings, map: (auth: PushAuth) => PushAuth): Settings {
    const targets = settings.push.targets.map((target) => ({ ...target, auth: map(target.auth) }));
    return { ...settings, push: { ...settings.push, targets } };
  }
}

/** The `/metrics` credential and the MQTT broker's password, kept like push tokens. */
export function mapIntegrationSecrets(settings: Settings, map: (secret: string) => string): Settings {
  const auth = settings.prometheus.auth;
  const prometheus =
    auth === null
      ? settings.prometheus
      : {
          ...settings.prometheus,
          auth:
            auth.type === 'bearer' ? { ...auth, token: map(auth.token) } : { ...auth, password: map(auth.password) },
        };
  const password = settings.mqtt.password;
  const mqtt = password === null ? settings.mqtt : { ...settings.mqtt, password: map(password) };
  return { ...settings, prometheus, mqtt };
}

function mapSecrets(auth: PushAuth, map: (secret: string) => string): PushAuth {
  if (auth === null) return null;
  const out: Record<string, unknown> = { ...auth };
  for (const field of SECRET_FIELDS) {
    const value = out[field];
    if (typeof value === 'string' && value !== '') out[field] = map(value);
  }
  return out as PushAuth;
}
