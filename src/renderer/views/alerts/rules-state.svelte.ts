/**
 * The Rules panel: the rule list with what each rule is doing, and the per-rule actions (test,
 * snooze, delete with a confirm step). Messages for people go to `message` (role=status) and
 * `actionError` (role=alert).
 *
 * @example
 * rules.attach(client);
 * await rules.load();
 * await rules.snooze('cpu-high', 'CPU busy', '1h');
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import type { RuleStatus, RuleTestResult } from '../../../shared/alerts.js';
import { ClientError } from '../../lib/client/client-error.js';
import type { DashlightClient } from '../../lib/client/client-types.js';
import { formatDateTime } from '../../lib/format/dates.js';
import { snoozeUntil, type SnoozeChoice } from './snooze-times.js';

export class RulesState {
  rules = $state.raw<readonly RuleStatus[]>([]);
  allSnoozedUntil = $state<number | null>(null);
  quietNow = $state(false);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  message = $state<string | null>(null);
  actionError = $state<string | null>(null);
  testResult = $state.raw<{ ruleName: string; result: RuleTestResult } | null>(null);
  /** Id of the rule being tested, snoozed or deleted, so its buttons wait. */
  busy = $state<string | null>(null);
  /** Id of the rule whose Delete was pressed and now shows "Confirm delete". */
  confirmingDelete = $state<string | null>(null);
  private client: DashlightClient | null = null;

  attach(client: DashlightClient): void {
    this.client = client;
    this.rules = [];
    this.loaded = false;
    this.loadError = null;
    this.message = null;
    this.actionError = null;
    this.testResult = null;
    this.busy = null;
    this.confirmingDelete = null;
  }

  ids(): string[] {
    return this.rules.map((status) => status.rule.id);
  }

  ruleById(id: string): AlertRule | undefined {
    return this.rules.find((status) => status.rule.id === id)?.rule;
  }

  async load(): Promise<void> {
    if (!this.client) return;
    try {
      const result = await this.client.listRules();
      this.rules = result.rules;
      this.allSnoozedUntil = result.allSnoozedUntil;
      this.quietNow = result.quietNow;
      this.loadError = null;
    } catch (error) {
      this.loadError = ClientError.from(error).message;
    } finally {
      this.loaded = true;
    }
  }

  async test(rule: AlertRule): Promise<void> {
    await this.act(rule.id, async (client) => {
      this.testResult = null;
      this.testResult = { ruleName: rule.name, result: await client.testRule({ id: rule.id }) };
    });
  }

  /** Snoozes a rule (or 'all') for a choice; `null` ends the snooze. */
  async snooze(target: string, name: string, choice: SnoozeChoice | null): Promise<void> {
    await this.act(target, async (client) => {
      const until = choice === null ? null : snoozeUntil(choice, Date.now());
      const result = await client.snooze({ target, until });
      this.message =
        result.until === null ? `${name}: snooze ended.` : `${name} snoozed until ${formatDateTime(result.until)}.`;
      await this.load();
    });
  }

  async remove(rule: AlertRule): Promise<void> {
    await this.act(rule.id, async (client) => {
      await client.deleteRule({ id: rule.id });
      this.confirmingDelete = null;
      this.message = `Deleted rule ${rule.name}.`;
      await this.load();
    });
  }

  private async act(id: string, action: (client: DashlightClient) => Promise<void>): Promise<void> {
    if (!this.client) return;
    this.busy = id;
    this.actionError = null;
    this.message = null;
    try {
      await action(this.client);
    } catch (error) {
      this.actionError = ClientError.from(error).message;
    } finally {
      this.busy = null;
    }
  }
}
