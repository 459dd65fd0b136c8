/**
 * Upgrades of the stored settings, keyed by the app version that introduced them, run by the
 * settings store (settings-store.ts) on every load in both shells. Each one is a pure function of
 * the stored object and must be idempotent: no migration bookkeeping is kept in `config.json` (the
 * strict schema would reject it), so every migration runs on every load and must leave
 * already-migrated settings alone.
 *
 * @example
 * migrateSettings({ interval: '1s' }); // { sampling: { interval: '1s' } }
 */

import { naturalCompare } from '../../../shared/text-collation.js';

export type StoredSettings = Record<string, unknown>;
export type SettingsMigration = (stored: StoredSettings) => StoredSettings;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 0.1.0: pre-release builds kept the sampling interval at the top level (`interval`); it now
 * lives at `sampling.interval`. An interval already set under `sampling` wins.
 */
export function moveLegacyInterval(stored: StoredSettings): StoredSettings {
  if (!('interval' in stored)) return stored;
  const { interval, ...rest } = stored;
  const sampling = isObject(rest.sampling) ? rest.sampling : {};
  return { ...rest, sampling: 'interval' in sampling ? sampling : { ...sampling, interval } };
}

export const SETTINGS_MIGRATIONS: Readonly<Record<string, SettingsMigration>> = {
  '0.1.0': moveLegacyInterval,
};

/** Runs every migration in version order; anything that is not an object is left for the repair step. */
export function migrateSettings(stored: unknown): unknown {
  if (!isObject(stored)) return stored;
  const versions = Object.keys(SETTINGS_MIGRATIONS).sort(naturalCompare);
  return versions.reduce((value, version) => SETTINGS_MIGRATIONS[version]!(value), stored);
}
