/**
 * The one settings module of both shells: it owns reading, the migrations, the schema (strict, or
 * repaired field by field), and sealing secrets. A shell plugs in only where the file lives (a
 * `SettingsBackend`: a JSON file headless, electron-store on the desktop, both on the same
 * `config.json`) and how secrets are sealed (a `SecretSealer`, see secret-codec.ts). So a file
 * written by either shell loads in the other.
 *
 * - `load()` is strict (the CLI): a bad field is refused with the file and the field named, and the
 *   file is left as it is for the user to fix.
 * - `loadRepaired()` never fails (the tray app, which has no terminal to print to): each bad field
 *   is reset to its default and reported, and the repaired settings are written back once.
 *
 * @example
 * const store = new SettingsStore({ backend: jsonFileBackend(paths.configFile) });
 * const settings = store.load('/etc/dashlight.json'); // throws SettingsError naming the file and field
 * store.save(mergeSettings(settings, { sampling: { interval: '1s' } }));
 */
import { mergeSettings, parseSettings, SettingsError, type Settings } from '../../../shared/settings.js';
import { readSettingsJson } from './json-file-backend.js';
import { headlessSealer, SecretCodec, type SecretCodecOptions, type SecretSealer } from './secret-codec.js';
import { migrateSettings } from './settings-migrations.js';
import { repairSettings, type SettingsReset } from './settings-repair.js';

/** Where the settings live. `read` gives undefined when there is nothing stored yet. */
export interface SettingsBackend {
  readonly path: string;
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

export interface SettingsStoreOptions extends SecretCodecOptions {
  readonly backend: SettingsBackend;
  /** How secrets are sealed at rest; the headless sealer (text as given) by default. */
  readonly sealer?: SecretSealer;
  readonly log?: SettingsLog;
}

/** An in-memory backend, for tests and engines without a data folder. */
export function memoryBackend(initial?: unknown): SettingsBackend & { value: unknown } {
  const backend = {
    path: '(memory)',
    value: initial === undefined ? undefined : structuredClone(initial),
    read: () => structuredClone(backend.value),
    write: (value: unknown) => {
      backend.value = structuredClone(value);
    },
  };
  return backend;
}

export class SettingsStore {
  readonly codec: SecretCodec;

  constructor(private readonly options: SettingsStoreOptions) {
    this.codec = new SecretCodec(options.sealer ?? headlessSealer, options);
  }

  get path(): string {
    return this.options.backend.path;
  }

  /**
   * The stored settings, migrated and validated strictly, with `overlay` (a `--config` file) layered
   * on top. Throws SettingsError naming the file and each bad field; nothing is written.
   */
  load(overlay?: string): Settings {
    const stored = parseSettings(migrateSettings(this.options.backend.read()), `settings file ${this.path}`);
    if (overlay === undefined) return stored;
    const layer = readSettingsJson(overlay, 'config file');
    if (layer === undefined) throw new SettingsError(`config file ${overlay} does not exist`, []);
    return mergeSettings(stored, migrateSettings(layer), `config file ${overlay}`);
  }

  /**
   * The stored settings, whatever is stored: each field the schema refuses is reset and reported in
   * `resets`, and the repaired settings are written back so the warning shows once.
   */
  loadRepaired(): LoadedSettings {
    const { backend, log } = this.options;
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
    const repaired = repairSettings(migrateSettings(raw));
    const resets: SettingsReset[] = [...unreadable, ...repaired.resets];
    if (resets.length > 0) {
      // Paths and messages only: `was` may hold a (sealed or plain) token.
      log?.warn(
        { resets: resets.map(({ path, message }) => ({ path, message })) },
        'invalid stored settings were reset',
      );
      try {
        backend.write(repaired.settings);
      } catch (error) {
        log?.warn({ err: error }, 'cannot write the repaired settings back');
      }
    }
    return { settings: repaired.settings, resets };
  }

  /**
   * Seals every secret typed in clear with the shell's sealer, then writes. Returns the settings as
   * stored, which is what the engine holds from then on. Throws (before writing) when a secret
   * cannot be kept safely.
   */
  save(settings: Settings): Settings {
    const sealed = this.codec.seal(settings);
    this.options.backend.write(sealed);
    return sealed;
  }
}
