import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseRule } from '../../shared/alert-rules.js';
import type { FakeClient } from '../test-support/fake-client.js';
import { description, ruleRow, rulesResult, setupAlerts, text } from './alerts/alerts-test-support.js';

let client: FakeClient;

// The page's address when the view opens (the app's router reads it).
beforeEach(() => {
  window.location.hash = '#/alerts';
});

describe('Alerts view: rules', () => {
  it('lists the rules with metric, condition and state', async () => {
    client = await setupAlerts();
    const cpu = ruleRow('CPU busy');
    expect(text(cpu)).toContain('cpu.total');
    expect(text(cpu)).toContain('above 80 % (warning) / 90 % (critical) for 2 min');
    expect(text(cpu)).toContain('firing');
    expect(text(ruleRow('Disk almost full'))).toContain('fs.used_pct · each mount');
    expect(text(ruleRow('Battery low'))).toContain('below 10 % (critical), only while Battery charging = 0');
    expect(text(ruleRow('Disk filling up'))).toContain('reaches 100 % within 1 d (warning)');
  });

  it('sends a new rule to saveRule, then reloads the list and says it was saved', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('saveRule', (input) => parseRule(input));
    await user.click(screen.getByRole('button', { name: 'New rule' }));
    const editor = screen.getByRole('region', { name: 'New rule' });
    await user.type(within(editor).getByLabelText('Name'), 'Hot CPU');
    await user.selectOptions(within(editor).getByLabelText('Condition'), 'above');
    await user.type(within(editor).getByLabelText('Warning'), '70');
    await user.type(within(editor).getByLabelText('Critical'), '85');
    await user.type(within(editor).getByLabelText('For'), '1m');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));

    expect(client.saveRule).toHaveBeenCalledWith({
      id: 'hot-cpu',
      kind: 'threshold',
      name: 'Hot CPU',
      metric: 'cpu.total',
      comparator: 'above',
      warning: 70,
      critical: 85,
      for: '1m',
      clear: null,
      repeat: null,
      cooldown: '5m',
      when: null,
      enabled: true,
    });
    expect(await screen.findByText('Saved rule Hot CPU.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'New rule' })).toBeNull();
    expect(client.listRules).toHaveBeenCalledTimes(2);
  });

  it('edits a rule in place: same id, entity into the series key', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('saveRule', (input) => parseRule(input));
    await user.click(within(ruleRow('Disk almost full')).getByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('region', { name: 'Edit rule Disk almost full' });
    expect((within(editor).getByLabelText('Critical') as HTMLInputElement).value).toBe(String(90));
    expect((within(editor).getByLabelText('For') as HTMLInputElement).value).toBe(String('5m'));
    await user.type(within(editor).getByLabelText('Entity (optional)'), '/');
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));
    expect(client.saveRule).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'disk-high', metric: 'fs.used_pct[/]', warning: 80, critical: 90, for: '5m' }),
    );
  });

  it("shows the engine's messages under their fields and in a summary", async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.fail('saveRule', {
      name: 'InputError',
      message: 'invalid input to saveRule',
      issues: [
        { path: 'warning', message: 'must be at most the critical threshold (80)' },
        { path: 'for', message: 'bad duration "soon": use forms like 2s, 5m, 1h30m, 7d' },
      ],
    });
    await user.click(within(ruleRow('CPU busy')).getByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('region', { name: 'Edit rule CPU busy' });
    await user.click(within(editor).getByRole('button', { name: 'Save rule' }));

    const warning = within(editor).getByLabelText('Warning');
    await waitFor(() => expect(warning.getAttribute('aria-invalid')).toBe('true'));
    expect(description(warning)).toContain('must be at most the critical threshold (80)');
    const hold = within(editor).getByLabelText('For');
    expect(hold.getAttribute('aria-invalid')).toBe('true');
    expect(description(hold)).toContain('bad duration "soon"');
    expect(within(editor).getByLabelText('Critical').hasAttribute('aria-invalid')).toBe(false);
    const summary = within(editor).getByRole('alert');
    expect(text(summary)).toContain('Warning: must be at most the critical threshold (80)');
    expect(text(summary)).toContain('For: bad duration');
    expect(screen.getByRole('region', { name: 'Edit rule CPU busy' })).toBeTruthy();
  });

  it('tests a rule and shows each channel in a status', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('testRule', {
      ruleId: 'cpu-high',
      channels: [
        { channel: 'log', ok: true, detail: 'delivered' },
        { channel: 'webhook', ok: false, detail: 'connection refused' },
      ],
    });
    await user.click(within(ruleRow('CPU busy')).getByRole('button', { name: 'Test' }));
    expect(client.testRule).toHaveBeenCalledWith({ id: 'cpu-high' });
    const status = await screen.findByText(/Test notification for CPU busy/);
    const region = status.closest('[role="status"]') as HTMLElement;
    expect(text(region)).toContain('webhook: failed (connection refused)');
    expect(text(region)).toContain('log: delivered');
  });

  it('snoozes a rule for an hour from now, and offers Unsnooze once snoozed', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    let snoozedUntil: number | null = null;
    client.respond('snooze', (input) => {
      snoozedUntil = (input as { until: number }).until;
      return { target: 'cpu-high', until: snoozedUntil };
    });
    client.respond('listRules', () => {
      const result = rulesResult();
      return { ...result, rules: result.rules.map((r) => (r.rule.id === 'cpu-high' ? { ...r, snoozedUntil } : r)) };
    });
    const row = ruleRow('CPU busy');
    await user.selectOptions(within(row).getByLabelText('Snooze CPU busy for'), '1 h');
    const before = Date.now();
    await user.click(within(row).getByRole('button', { name: 'Snooze' }));
    const after = Date.now();
    const sent = client.snooze.mock.calls[0]![0] as { target: string; until: number };
    expect(sent.target).toBe('cpu-high');
    expect(sent.until).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(sent.until).toBeLessThanOrEqual(after + 3_600_000);
    await user.click(await within(ruleRow('CPU busy')).findByRole('button', { name: 'Unsnooze' }));
    expect(client.snooze).toHaveBeenLastCalledWith({ target: 'cpu-high', until: null });
  });

  it('deletes only after Confirm delete', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('deleteRule', { deleted: 'battery-low' });
    await user.click(within(ruleRow('Battery low')).getByRole('button', { name: 'Delete' }));
    expect(client.deleteRule).not.toHaveBeenCalled();
    const confirm = within(ruleRow('Battery low')).getByRole('button', { name: 'Confirm delete' });
    expect(document.activeElement).toBe(confirm);
    await user.click(within(ruleRow('Battery low')).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(ruleRow('Battery low')).getByRole('button', { name: 'Delete' }));
    expect(client.deleteRule).not.toHaveBeenCalled();

    await user.click(within(ruleRow('Battery low')).getByRole('button', { name: 'Delete' }));
    await user.click(within(ruleRow('Battery low')).getByRole('button', { name: 'Confirm delete' }));
    expect(client.deleteRule).toHaveBeenCalledWith({ id: 'battery-low' });
    expect(await screen.findByText('Deleted rule Battery low.')).toBeTruthy();
  });

  it('snoozes every rule with Snooze all', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('snooze', (input) => input as { target: string; until: number });
    await user.selectOptions(screen.getByLabelText('Snooze all for'), '15 min');
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Snooze all' }));
    const sent = client.snooze.mock.calls[0]![0] as { target: string; until: number };
    expect(sent.target).toBe('all');
    expect(sent.until - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(sent.until - before).toBeLessThan(16 * 60_000);
  });
});
