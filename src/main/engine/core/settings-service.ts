/**
 * The settings in force, and the one way to change them: merged over the current ones, validated
 * by the schema (SettingsError names the field), checked by the modules, saved, then applied.
 * Saved before applied: a save refused (a full disk, no keyring for a token) must leave the engine
 * running what is on disk, not settings that would vanish at the next start.
 *
 * @example
 * const settings = new SettingsService(initial, settingsStore, { check, apply });
 * await settings.update({ sampling: { interval: '5s' } });
 * settings.current().sampling.interval // 5000
 */
import { mergeSettings, type Settings } from '../../../shared/settings.js';

/** Where settings are saved: the settings store of the shell (it returns them as stored, secrets sealed). */
export interface SettingsSaver {
  save(next: Settings): Settings | Promise<Settings>;
}

export interface SettingsSteps {
  /** Throws to refuse the settings before anything is saved. */
  readonly check: (next: Settings) => void;
  /** Applies settings already saved. */
  readonly apply: (next: Settings) => void;
}

export class SettingsService {
  constructor(
    private settings: Settings,
    private readonly store: SettingsSaver,
    private readonly steps: SettingsSteps,
  ) {}

  current(): Settings {
    return this.settings;
  }

  /**
   * Merges `patch` (secrets sent back as markers keep their stored values), validates, checks,
   * saves, then applies what was stored: secrets sealed as on disk.
   */
  async update(patch: Record<string, unknown>): Promise<Settings> {
    const next = mergeSettings(this.settings, patch);
    this.steps.check(next);
    const stored = await this.store.save(next);
    this.steps.apply(stored);
    this.settings = stored;
    return stored;
  }
}
