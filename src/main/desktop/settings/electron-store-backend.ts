/**
 * The desktop app's `SettingsBackend`: electron-store on `<data folder>/config.json`, the file the
 * headless engine reads too. It only says where the file lives: the migrations, the schema, the
 * repair and the secrets belong to the settings store (src/main/engine/settings/settings-store.ts).
 * Kept apart so only the app's composition root loads electron-store.
 *
 * @example
 * const store = new SettingsStore({ backend: electronStoreBackend({ cwd: app.getPath('userData') }), sealer: new TokenVault() });
 * const { settings, resets } = store.loadRepaired();
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import type { SettingsBackend } from '../../engine/settings/settings-store.js';
import { systemClock } from '../../engine/schedule/clock.js';

/** The headless format (2-space JSON, final newline), so both shells write the same bytes. */
const serialize = (value: Record<string, unknown>): string => `${JSON.stringify(value, null, 2)}\n`;
/** A byte order mark (Windows editors add one) is not part of the JSON. */
const deserialize = (text: string): Record<string, unknown> =>
  JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;

export interface ElectronStoreBackendOptions {
  /** The data folder (absolute); `config.json` in it is the file. */
  readonly cwd: string;
}

/** The electron-store backend: `<cwd>/config.json`, owner-only (0600: it may hold tokens). */
export function electronStoreBackend(options: ElectronStoreBackendOptions): SettingsBackend {
  const open = () =>
    new Store<Record<string, unknown>>({
      cwd: options.cwd,
      name: 'config',
      serialize,
      deserialize,
      configFileMode: 0o600,
      // A bad field is repaired field by field by SettingsStore, never silently cleared.
      clearInvalidConfig: false,
      watch: false,
    });
  let store: Store<Record<string, unknown>>;
  let openError: string | null = null;
  try {
    store = open();
  } catch (error) {
    // Unreadable JSON: keep the user's file aside, start from defaults,
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
