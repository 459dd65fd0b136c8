/**
 * The desktop app's settings store (every section, not only `desktop`): electron-store on the same
 * `config.json` in the data folder that the headless engine uses, the same zod schema, and
 * migrations. Stored settings that fail the schema are repaired field by field and each reset
 * is reported, never a crash.
 *
 * electron-store's own JSON-schema validation is deliberately unused: the zod schema is the one
 * source of truth, and ajv would clear the whole file on one bad field. The store sits behind
 * `SettingsBackend` (electron-store-backend.ts), so the repair and vault logic is testable in
 * memory, and importing this file does not load electron-store.
 *
 * @example
 * const settings = new SettingsStore({ backend: electronStoreBackend({ cwd: dataDir, projectVersion: '0.1.0' }), vault: new TokenVault(), log });
 * const { settings: current, resets } = settings.load(); // resets: [{ path: 'log.level', message, was: 'loud' }]
 * settings.save(mergeSettings(current, { sampling: { interval: '1s' } }));
 */
import type { Settings } from '../../../shared/settings.js';
import { migrateSettings } from './settings-migrations.js';
import { repairSettings, type SettingsReset } from './settings-repair.js';
import { mapIntegrationSecrets, type SealOptions, type TokenVault } from './token-vault.js';

/** Where the settings live; electron-store in the app, a plain object in tests. */
export interface SettingsBackend {
  read(): unknown;
  write(value: unknown): void;
}

export interface SettingsLog {
  warn(object: object, message: string): void;
}

export interface LoadedSettings {
  readonly settings: Settings;
  readonly resets: readonly SettingsReset[];
}

/** An in-memory backend (tests, no data folder); it migrates on read as electron-store does on open. */
export function memoryBackend(initial?: unknown): SettingsBackend & { value: unknown } {
  const backend = {
    value: initial === undefined ? undefined : structuredClone(initial),
    read: () => migrateSettings(structuredClone(backend.value)),
    write: (value: unknown) => {
      backend.value = structuredClone(value);
    },
  };
  return backend;
}

export interface SettingsStoreOptions {
  readonly backend: SettingsBackend;
  /** Without a vault, push secrets are stored as given (the headless behaviour). */
  readonly vault?: TokenVault;
  readonly log?: SettingsLog;
}

export class SettingsStore {
  constructor(private readonly options: SettingsStoreOptions) {}

  /**
   * Reads, repairs and decrypts the stored settings. When fields were reset, the repaired
   * settings are written back (the user is told through `resets`), so the warning shows once.
   */
  load(): LoadedSettings {
    const { backend, vault, log } = this.options;
    let raw: unknown;
    const unreadable: SettingsReset[] = [];
    try {
      raw = backend.read();
    } catch (error) {
      unreadable.push({
        path: '(root)',
        message: `cannot read the stored settings: ${(error as Error).message}`,
        was: undefined,
      });
      raw = {};
    }
    const repaired = repairSettings(raw);
    const resets: SettingsReset[] = [...unreadable, ...repaired.resets];
    // `disk` keeps the secrets as they were stored (sealed); only undecryptable ones are dropped.
    let settings = repaired.settings;
    let disk = repaired.settings;
    if (vault) ({ settings, disk } = this.openSecrets(repaired.settings, vault, resets));
    if (resets.length > 0) {
      // Paths and messages only: `was` may hold a (sealed or plain) token.
      log?.warn(
        { resets: resets.map(({ path, message }) => ({ path, message })) },
        'invalid stored settings were reset',
      );
      try {
        backend.write(disk);
      } catch (error) {
        log?.warn({ err: error }, 'cannot write the repaired settings back');
      }
    }
    return { settings, resets };
  }

  /** Validated settings in, sealed settings written. Throws (before writing) when a token cannot be stored safely. */
  save(settings: Settings, options: SealOptions = {}): void {
    const { backend, vault } = this.options;
    backend.write(vault ? vault.sealSettings(settings, options) : settings);
  }

  /** A push secret that cannot be decrypted is dropped (auth reset to none) and reported. */
  private openSecrets(
    stored: Settings,
    vault: TokenVault,
    resets: SettingsReset[],
  ): { settings: Settings; disk: Settings } {
    const open: Settings['push']['targets'][number][] = [];
    const disk: Settings['push']['targets'][number][] = [];
    stored.push.targets.forEach((target, index) => {
      try {
        open.push({ ...target, auth: vault.openAuth(target.auth) });
        disk.push(target);
      } catch (error) {
        resets.push({ path: `push.targets.${index}.auth`, message: (error as Error).message, was: '(encrypted)' });
        open.push({ ...target, auth: null });
        disk.push({ ...target, auth: null });
      }
    });
    let settings: Settings = { ...stored, push: { ...stored.push, targets: open } };
    let kept: Settings = { ...stored, push: { ...stored.push, targets: disk } };
    try {
      settings = mapIntegrationSecrets(settings, (secret) => vault.open(secret));
    } catch (error) {
      // Dropped like a push token: the endpoint without its credential is off, MQTT without its password.
      resets.push({ path: 'prometheus.auth', message: (error as Error).message, was: '(encrypted)' });
      settings = { ...settings, prometheus: { ...settings.prometheus, auth: null, enabled: false } };
      settings = { ...settings, mqtt: { ...settings.mqtt, password: null } };
      kept = { ...kept, prometheus: settings.prometheus, mqtt: settings.mqtt };
    }
    return { settings, disk: kept };
  }
}
