/**
 * The Settings view's state: a draft of the form taken from `settings.value`, the patch of what
 * changed, and the save that sends only that patch and puts the engine's per-field issues back on
 * the fields.
 *
 * @example
 * settingsForm.sync(settings.value);
 * settingsForm.draft!.interval = '5s';
 * await settingsForm.save(); // settings.save({ sampling: { interval: '5s' } })
 */
import type { Settings } from '../../../shared/settings.js';
import {
  buildPatch,
  checkDraft,
  draftFromSettings,
  fieldOfPath,
  type SettingsDraft,
  type SettingsField,
} from './settings-draft.js';
import type { AppState } from '../../lib/app-context.js';
import { splitIssues } from '../../lib/forms/issue-fields.js';

export class SettingsForm {
  draft = $state<SettingsDraft | null>(null);
  errors = $state.raw<Partial<Record<SettingsField, string>>>({});
  /** Problems that belong to no field, for the role=alert summary. */
  summary = $state.raw<string[]>([]);
  /** The role=status line after a save. */
  message = $state('');
  saving = $state(false);
  /** The engine's data folder, from `diagnostics`. */
  dataDir = $state<string | null>(null);

  patch = $derived.by(() => {
    const stored = this.app.settings.value;
    return this.draft && stored ? buildPatch(this.draft, stored) : {};
  });
  dirty = $derived(Object.keys(this.patch).length > 0);

  constructor(private readonly app: AppState) {}

  /** The settings the draft was taken from. */
  private base: Settings | null = null;

  /** Takes new settings into the form, unless the user has unsaved changes there. */
  sync(value: Settings | null): void {
    if (!value || value === this.base) return;
    if (this.draft === null || !this.dirty) this.reset(value);
  }

  revert(): void {
    if (this.app.settings.value) this.reset(this.app.settings.value);
    this.message = '';
  }

  async save(): Promise<boolean> {
    if (!this.draft) return false;
    this.message = '';
    this.errors = checkDraft(this.draft);
    this.summary = [];
    if (Object.keys(this.errors).length > 0) return false;
    if (!this.dirty) {
      this.message = 'Nothing to save';
      return true;
    }
    this.saving = true;
    try {
      const issues = await this.app.settings.save(this.patch);
      if (issues) {
        const split = splitIssues(issues, fieldOfPath);
        this.errors = split.fields;
        this.summary = split.other;
        return false;
      }
      this.reset(this.app.settings.value!);
      this.message = 'Settings saved';
      return true;
    } finally {
      this.saving = false;
    }
  }

  /** `aria-describedby` for a field: its hint (`<prefix>-<field>-hint`) and its error when shown. */
  describedBy(prefix: string, field: SettingsField, hint = false): string | undefined {
    const ids = [hint ? `${prefix}-${field}-hint` : '', this.errors[field] ? `${prefix}-${field}-error` : ''];
    return ids.filter(Boolean).join(' ') || undefined;
  }

  async loadDataDir(): Promise<void> {
    try {
      this.dataDir = (await this.app.client.diagnostics()).dataDir;
    } catch {
      // The database path from the status stands in for it.
      this.dataDir = null;
    }
  }

  private reset(value: Settings): void {
    this.base = value;
    this.draft = draftFromSettings(value);
    this.errors = {};
    this.summary = [];
  }
}
