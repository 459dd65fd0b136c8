/**
 * The add/edit push target form: the draft, "Test connection" (`testTarget`), and "Save target",
 * which sends the whole target list (arrays are replaced on merge) and maps the engine's issues
 * (`push.targets.<index>.url`) back onto the fields. On the desktop, a save refused because no
 * keyring can protect the token offers the plain-text consent and then retries.
 *
 * @example
 * targetForm.edit('vm');
 * targetForm.draft.url = 'https://vm.lan:8428/write';
 * if (await targetForm.save()) …
 */
import type { TargetTestResult } from '../../../shared/push.js';
import type { PushTarget } from '../../../shared/push-settings.js';
import { ClientError } from '../../lib/client/client.js';
import { keyringProblem } from './push-status.js';
import {
  checkDraft,
  draftFromTarget,
  emptyDraft,
  fieldOfPath,
  storedSecret,
  targetFromDraft,
  type DraftField,
  type TargetDraft,
} from './target-draft.js';
import type { AppState } from '../../lib/app-context.js';
import { splitIssues } from '../../lib/forms/issue-fields.js';

export class TargetEditor {
  open = $state(false);
  /** The saved name of the target being edited; null when adding one. */
  editing = $state<string | null>(null);
  draft = $state<TargetDraft>(emptyDraft());
  errors = $state.raw<Partial<Record<DraftField, string>>>({});
  /** Problems that belong to no field, for the form's role=alert summary. */
  summary = $state.raw<string[]>([]);
  testing = $state(false);
  testResult = $state.raw<TargetTestResult | null>(null);
  testError = $state<string | null>(null);
  saving = $state(false);
  /** Set when the desktop refused to store a token: see keyringProblem. */
  keyring = $state<{ kind: 'needs-consent' | 'unavailable'; message: string } | null>(null);
  /** Called with the target's name after a successful save. */
  onSaved: (name: string) => void = () => {};
  constructor(private readonly app: AppState) {}

  /** The saved version of the target being edited. */
  get stored(): PushTarget | undefined {
    return this.editing === null
      ? undefined
      : this.app.settings.value?.push.targets.find((t) => t.name === this.editing);
  }

  /** The marker of the secret an empty secret field keeps (the value itself never reaches the page). */
  storedMarker = $derived(storedSecret(this.draft.authType, this.stored?.auth));

  add(): void {
    this.reset(null, emptyDraft());
  }

  edit(name: string): void {
    const target = this.app.settings.value?.push.targets.find((t) => t.name === name);
    if (target) this.reset(name, draftFromTarget(target));
  }

  cancel(): void {
    this.open = false;
    this.editing = null;
    this.draft = emptyDraft();
  }

  /** One real request with the form's values (secrets left blank are the stored ones). */
  async test(): Promise<void> {
    if (!this.precheck()) return;
    this.testing = true;
    this.testResult = null;
    this.testError = null;
    try {
      this.testResult = await this.app.client.testTarget(targetFromDraft(this.draft, this.stored));
    } catch (error) {
      const failure = ClientError.from(error);
      const split = splitIssues(failure.issueMap(), fieldOfPath);
      this.errors = split.fields;
      this.testError = split.other.length > 0 || failure.issues.length === 0 ? failure.message : null;
    } finally {
      this.testing = false;
    }
  }

  /** Saves the target into the list; true when the engine accepted it. */
  async save(): Promise<boolean> {
    if (!this.precheck()) return false;
    const current = this.app.settings.value?.push.targets ?? [];
    const stored = this.stored;
    const index = stored ? current.indexOf(stored) : current.length;
    const target = targetFromDraft(this.draft, stored);
    const targets: unknown[] = [...current];
    targets.splice(index, stored ? 1 : 0, target);
    this.saving = true;
    this.keyring = null;
    try {
      const issues = await this.app.settings.save({ push: { targets } });
      if (!issues) {
        this.cancel();
        this.onSaved(target.name);
        return true;
      }
      const split = splitIssues(issues, fieldOfPath, `push.targets.${index}.`);
      const problem = issues['(root)'] !== undefined ? keyringProblem(issues['(root)']) : null;
      if (problem && this.app.client.transport === 'ipc') {
        this.keyring = { kind: problem, message: issues['(root)']! };
        split.other = split.other.filter((message) => message !== issues['(root)']);
      }
      this.errors = split.fields;
      this.summary = split.other;
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** The user accepted storing tokens without a keyring: record that, then save the target again. */
  async allowPlainTextAndSave(): Promise<boolean> {
    this.saving = true;
    let issues: Record<string, string> | null;
    try {
      issues = await this.app.settings.save({ desktop: { allowPlainTextSecrets: true } });
    } finally {
      this.saving = false;
    }
    if (issues) {
      this.summary = Object.values(issues);
      return false;
    }
    return this.save();
  }

  private precheck(): boolean {
    this.errors = checkDraft(this.draft, this.stored);
    this.summary = [];
    return Object.keys(this.errors).length === 0;
  }

  private reset(editing: string | null, draft: TargetDraft): void {
    this.editing = editing;
    this.draft = draft;
    this.errors = {};
    this.summary = [];
    this.testResult = null;
    this.testError = null;
    this.keyring = null;
    this.open = true;
  }
}
