/**
 * The rule editor: open for a new rule or an existing one, save through `saveRule`, and show the
 * engine's per-field messages (mapped from issue paths) plus a summary.
 *
 * @example
 * editor.attach(client);
 * editor.edit(rule);
 * const saved = await editor.save(rules.ids());
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import { ClientError } from '../../lib/client/client-error.js';
import type { DashlightClient } from '../../lib/client/client-types.js';
import {
  emptyForm,
  FIELD_LABELS,
  fieldOfIssue,
  formFromRule,
  ruleInputFromForm,
  type RuleField,
  type RuleForm,
} from './rule-draft.js';

export class RuleEditorState {
  open = $state(false);
  form = $state<RuleForm>(emptyForm());
  errors = $state<Partial<Record<RuleField, string>>>({});
  /** Summary lines for the role=alert box: every problem, with its field's name. */
  problems = $state<string[]>([]);
  saving = $state(false);
  /** The name the rule had when opened, for the editor's heading. */
  title = $state('New rule');
  private client: DashlightClient | null = null;

  attach(client: DashlightClient): void {
    this.client = client;
    this.close();
  }

  create(): void {
    this.reset(emptyForm(), 'New rule');
  }

  edit(rule: AlertRule): void {
    this.reset(formFromRule(rule), `Edit rule ${rule.name}`);
  }

  close(): void {
    this.open = false;
    this.errors = {};
    this.problems = [];
  }

  /** Saves; resolves to the stored rule, or null when the engine refused it (messages are set). */
  async save(takenIds: readonly string[]): Promise<AlertRule | null> {
    if (!this.client) return null;
    this.saving = true;
    this.errors = {};
    this.problems = [];
    try {
      const saved = await this.client.saveRule(ruleInputFromForm(this.form, takenIds));
      this.close();
      return saved;
    } catch (error) {
      this.showFailure(ClientError.from(error));
      return null;
    } finally {
      this.saving = false;
    }
  }

  private showFailure(failure: ClientError): void {
    const errors: Partial<Record<RuleField, string>> = {};
    const problems: string[] = [];
    for (const [path, message] of Object.entries(failure.issueMap())) {
      const field = fieldOfIssue(path);
      if (field && errors[field] === undefined) errors[field] = message;
      problems.push(`${field ? FIELD_LABELS[field] : path}: ${message}`);
    }
    if (problems.length === 0) problems.push(failure.message);
    this.errors = errors;
    this.problems = problems;
  }

  private reset(form: RuleForm, title: string): void {
    this.form = form;
    this.title = title;
    this.errors = {};
    this.problems = [];
    this.open = true;
  }
}
