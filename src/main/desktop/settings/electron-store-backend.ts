/**
 * The electron-store `SettingsBackend`: `<data folder>/config.json`, the file the headless engine
 * reads too, with the settings migrations run on open. Kept apart from desktop-settings.ts so
 * only the app's composition root loads electron-store.
 *
 * @example
 * const backend = electronStoreBackend({ cwd: app.getPath('userData'), projectVersion: app.getVersion() });
 * const { settings, resets } = new SettingsStore({ backend, vault: new TokenVault(), log }).load();
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Store, { type Options as StoreOptions } from 'electron-store';
import type { SettingsBackend } from './settings-store.js';
import { SETTINGS_MIGRATIONS } from './settings-migrations.js';
import { systemClock } from '../../engine/schedule/clock.js';

/** electron-store's migration bookkeeping; kept out of the file (see settings-migrations.ts). */
const INTERNAL_KEY = '__internal__';

/** Matches the headless SettingsFile format (2-space JSON, final newline) so both write the same file. */
function serialize(value: Record<string, unknown>): string {
  const { [INTERNAL_KEY]: _internal, ...settings } = value;
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export interface ElectronStoreBackendOptions {
  /** The data folder (absolute); `config.json` in it is the file. */
  readonly cwd: string;
  /** Compared with the migration versions; the app's version. */
  readonly projectVersion: string;
}

/** The electron-store backend: `<cwd>/config.json`, migrated on open. */
export function electronStoreBackend(
  options: ElectronStoreBackendOptions,
): SettingsBackend & { readonly path: string } {
  type Migrations = NonNullable<StoreOptions<Record<string, unknown>>['migrations']>;
  const migrations: Migrations = Object.fromEntries(
    Object.entries(SETTINGS_MIGRATIONS).map(([version, migrate]): [string, Migrations[string]] => [
      version,
      (store) => {
        store.store = migrate(store.store);
      },
    ]),
  );
  const open = () =>
    new Store<Record<string, unknown>>({
      cwd: options.cwd,
      name: 'config',
      projectVersion: options.projectVersion,
      migrations,
      serialize,
      // A bad field is repaired field by field by SettingsStore, never silently cleared.
      clearInvalidConfig: false,
      watch: false,
    });
  let store: Store<Record<string, unknown>>;
  let openError: string | null = null;
  try {
    store = open();
  } catch (error) {
    // Unreadable JSON (or a failed migration): keep the user's file aside, start from defaults,
    // and let the first read report it, so the app still starts.
    const file = join(options.cwd, 'config.json');
    if (!existsSync(file)) throw error;
    const aside = `${file}.invalid-${systemClock.wall()}`;
    renameSync(file, aside);
    openError = `${file} could not be read (${(error as Error).message}); it was moved to ${aside}`;
    store = open();
  }
  return {
    path: store.path,
    read: () => {
      if (openError === null) return store.store;
      const message = openError;
      openError = null;
      throw new Error(message);
    },
    write: (value) => {
      store.store = value as Record<string, unknown>;
    },
  };
}
