/**
 * The settings as the engine holds them, shared by every view that edits a part of them
 * (Settings, Push targets, quiet hours, theme). `save` sends a partial patch; the engine merges
 * and validates the whole, and a refusal comes back as per-field messages keyed by path.
 *
 * @example
 * const issues = await settings.save({ sampling: { interval: 1000 } });
 * if (issues) errors = issues; // { 'sampling.interval': 'must be at least 1s' }
 */
import type { Settings } from '../../../shared/settings.js';
import { ClientError } from '../client/client-error.js';
import type { DashlightClient } from '../client/client-types.js';
import type { Theme } from './theme.svelte.js';

export class SettingsState {
  value = $state.raw<Settings | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  constructor(
    private readonly client: DashlightClient,
    private readonly theme: Theme,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.apply(await this.client.getSettings());
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /**
   * Saves a partial settings object. Resolves to null on success, or to the messages by field
   * path (`'(root)'` for a message that names no field).
   */
  async save(patch: Record<string, unknown>): Promise<Record<string, string> | null> {
    try {
      this.apply(await this.client.updateSettings(patch));
      return null;
    } catch (error) {
      const failure = ClientError.from(error);
      const issues = failure.issueMap();
      return Object.keys(issues).length > 0 ? issues : { '(root)': failure.message };
    }
  }

  private apply(next: Settings): void {
    this.value = next;
    this.theme.setPreference(next.desktop.theme);
  }
}
