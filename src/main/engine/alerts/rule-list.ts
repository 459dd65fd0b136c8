/**
 * Edits of the rule list kept in the settings: add or replace by id, remove by id.
 *
 * @example
 * await engine.updateSettings({ alerts: { rules: withRule(settings.alerts.rules, rule) } });
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import { NotFoundError } from '../../../shared/contract.js';

/** The list with `rule` in place of the one with its id, or appended. */
export function withRule(rules: readonly AlertRule[], rule: AlertRule): AlertRule[] {
  const index = rules.findIndex((r) => r.id === rule.id);
  return index < 0 ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
}

/** The list without rule `id`; NotFoundError when there is none. */
export function withoutRule(rules: readonly AlertRule[], id: string): AlertRule[] {
  if (!rules.some((r) => r.id === id)) {
    throw new NotFoundError(`no alert rule "${id}": see \`dashlight alerts list\` for the rule ids`);
  }
  return rules.filter((r) => r.id !== id);
}
