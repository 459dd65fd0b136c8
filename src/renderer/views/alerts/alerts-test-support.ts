/**
 * Fixtures and helpers shared by the Alerts view's component tests.
 */
import { screen, waitFor, within } from '@testing-library/svelte';
import { expect } from 'vitest';
import { DEFAULT_RULE_INPUTS, parseRule } from '../../../shared/alert-rules.js';
import type { AlertHistoryResult, AlertInstance, RulesResult } from '../../../shared/alerts.js';
import { parseSettings, type Settings } from '../../../shared/settings.js';
import { fakeClient } from '../../test-support/fake-client.js';
import { makeApp, renderApp } from '../../test-support/render-app.js';
import AlertsView from '../AlertsView.svelte';

export const T = Date.UTC(2026, 2, 14, 9, 30, 0);

export const rulesResult = (): RulesResult => ({
  rules: DEFAULT_RULE_INPUTS.map((input) => ({
    rule: parseRule(input),
    snoozedUntil: null,
    instances:
      input.id === 'cpu-high'
        ? [{ series: 'cpu.total', phase: 'firing', severity: 'critical', since: T, value: 97 }]
        : [],
  })),
  allSnoozedUntil: null,
  quietNow: false,
});

export const instance = (over: Partial<AlertInstance> = {}): AlertInstance => ({
  id: 7,
  ruleId: 'cpu-high',
  ruleName: 'CPU busy',
  series: 'cpu.total',
  state: 'firing',
  severity: 'critical',
  since: T - 180_000,
  firedAt: T - 60_000,
  resolvedAt: null,
  acknowledgedAt: null,
  value: 96.5,
  peak: 99.1,
  threshold: 90,
  topProcesses: {
    at: T - 60_000,
    byCpu: [{ pid: 4242, name: 'node', cpuPercent: 180.5, rssBytes: 512 * 1024 ** 2 }],
    byMemory: [{ pid: 77, name: 'chrome', cpuPercent: 40, rssBytes: 2 * 1024 ** 3 }],
  },
  events: [{ kind: 'firing', at: T - 60_000, value: 96.5, notified: true, suppressed: null }],
  ...over,
});

export const resolved = instance({
  id: 3,
  ruleId: 'disk-high',
  ruleName: 'Disk almost full',
  series: 'fs.used_pct[/home]',
  state: 'resolved',
  severity: 'warning',
  resolvedAt: T - 30_000,
  topProcesses: null,
});

/**
 * Renders the Alerts view against a fake client answering a rule list (the default rules), a
 * firing CPU alert and a resolved disk alert, and settings with a webhook; resolves once loaded.
 */
export async function setupAlerts(
  history: AlertHistoryResult = { data: [instance(), resolved], total: 2 },
  alertSettings: Record<string, unknown> = {
    webhook: { url: 'https://hooks.example.com/dashlight?key=url-secret', token: 'tok-secret' },
  },
) {
  const client = fakeClient('http');
  const current: Settings = parseSettings({ alerts: alertSettings });
  client.respond('getSettings', () => current);
  client.respond('listRules', rulesResult());
  client.respond('alertHistory', (input) =>
    (input as { state?: string }).state === 'firing'
      ? { data: history.data.filter((i) => i.state === 'firing'), total: 1 }
      : history,
  );
  const app = makeApp(client);
  await app.settings.load();
  renderApp(AlertsView, { client, app });
  await waitFor(() => expect(screen.getAllByRole('row', { name: /CPU busy/ })).toHaveLength(3));
  return client;
}

/** Text as read, whitespace collapsed. */
export const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What aria-describedby points at, as a screen reader would read it after the label. */
export const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)!))
    .join(' ');

/** The Rules table's row of a rule. */
export const ruleRow = (name: string) =>
  within(screen.getByRole('region', { name: 'Rules' })).getByRole('row', { name: new RegExp(`^${name}`) });
