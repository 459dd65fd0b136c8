import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeSettings, parseSettings } from '../../../shared/settings.js';
import type { FakeClient } from '../../test-support/fake-client.js';
import { instance, resolved, setupAlerts, T, text, description } from './alerts-test-support.js';

let client: FakeClient;

// The page's address when the view opens (the app's router reads it).
beforeEach(() => {
  window.location.hash = '#/alerts';
});
afterEach(() => vi.useRealTimers());

describe('Alerts view: firing and history', () => {
  it('lists what is firing and acknowledges it', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.respond('acknowledge', instance({ acknowledgedAt: T }));
    const firing = screen.getByRole('region', { name: 'Firing now' });
    const row = within(firing).getByRole('row', { name: /CPU busy/ });
    expect(text(row)).toContain('critical');
    expect(text(row)).toContain('96.5 %');
    expect(
      within(row)
        .getByText((_, el) => el?.tagName === 'TIME')
        .getAttribute('title'),
    ).toBe(`UTC ${new Date(T - 180_000).toISOString()}`);
    await user.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    expect(client.acknowledge).toHaveBeenCalledWith({ id: 7 });
    expect(await within(firing).findByText(/Acknowledged/)).toBeTruthy();
    expect(within(firing).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('refetches once after a burst of alert events', async () => {
    client = await setupAlerts();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    client.alertHistory.mockClear();
    client.listRules.mockClear();
    const event = {
      ...instance(),
      kind: 'resolved' as const,
      instanceId: 7,
      heldMs: 0,
      notified: true,
      suppressed: null,
      at: T,
      text: '',
    };
    client.emit('alert', event);
    client.emit('alert', event);
    expect(client.alertHistory).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.listRules).toHaveBeenCalledTimes(1);
    expect(client.alertHistory).toHaveBeenCalledWith(expect.objectContaining({ state: 'firing' }));
  });

  it('expands a history row to show the captured processes and events', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    const history = screen.getByRole('region', { name: 'History' });
    const row = within(history).getByRole('row', { name: /CPU busy/ });
    expect(text(row)).toContain('99.1 % / 96.5 %');
    const details = within(row).getByRole('button', { name: 'Details' });
    expect(details.getAttribute('aria-expanded')).toBe('false');
    await user.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    const byCpu = within(history).getByRole('table', { name: 'By CPU' });
    expect(text(byCpu)).toContain('4242');
    expect(text(byCpu)).toContain('node');
    expect(text(byCpu)).toContain('180.5 %');
    expect(text(byCpu)).toContain('512 MiB');
    expect(text(within(history).getByRole('table', { name: 'By memory' }))).toContain('chrome');
    expect(text(within(history).getByRole('table', { name: 'Events' }))).toContain('firing');
  });

  it('pages with Older and Newer', async () => {
    const page = { data: [instance(), resolved], total: 120 };
    client = await setupAlerts(page);
    const user = userEvent.setup();
    const history = screen.getByRole('region', { name: 'History' });
    expect((within(history).getByRole('button', { name: 'Newer' }) as HTMLButtonElement).disabled).toBe(true);
    expect(text(history)).toContain('1–2 of 120');
    await user.click(within(history).getByRole('button', { name: 'Older' }));
    expect(client.alertHistory).toHaveBeenLastCalledWith({ limit: 50, offset: 50 });
    await user.click(within(history).getByRole('button', { name: 'Newer' }));
    expect(client.alertHistory).toHaveBeenLastCalledWith({ limit: 50, offset: 0 });
  });

  it('opens the alert a notification links to (#/alerts/<id>)', async () => {
    window.location.hash = '#/alerts/3';
    client = await setupAlerts();
    const history = screen.getByRole('region', { name: 'History' });
    const row = within(history).getByRole('row', { name: /Disk almost full/ });
    await waitFor(() =>
      expect(within(row).getByRole('button', { name: 'Details' }).getAttribute('aria-expanded')).toBe('true'),
    );
    expect(within(history).getByText('No processes were captured for this alert.')).toBeTruthy();
  });
});

describe('Alerts view: quiet hours and channels', () => {
  it('saves quiet hours as a settings patch and shows a refused field under it', async () => {
    client = await setupAlerts();
    const user = userEvent.setup();
    client.fail('updateSettings', {
      name: 'SettingsError',
      message: 'invalid settings patch',
      issues: [{ path: 'alerts.quietHours.start', message: 'must be a 24-hour time like 22:00 or 07:30' }],
    });
    const panel = screen.getByRole('region', { name: 'Quiet hours' });
    await user.click(within(panel).getByLabelText('Enable quiet hours'));
    await fireEvent.input(within(panel).getByLabelText('Start'), { target: { value: '23:15' } });
    await user.click(within(panel).getByRole('button', { name: 'Save quiet hours' }));
    expect(client.updateSettings).toHaveBeenCalledWith({ alerts: { quietHours: { start: '23:15', end: '07:00' } } });
    const start = within(panel).getByLabelText('Start');
    await waitFor(() => expect(start.getAttribute('aria-invalid')).toBe('true'));
    expect(description(start)).toBe('must be a 24-hour time like 22:00 or 07:30');
    expect(within(panel).getByLabelText('End').hasAttribute('aria-invalid')).toBe(false);
  });

  it('turns quiet hours off with null', async () => {
    client = await setupAlerts(undefined, { quietHours: { start: '22:00', end: '06:30' } });
    const user = userEvent.setup();
    client.respond('updateSettings', (patch) => mergeSettings(parseSettings({}), patch));
    const panel = screen.getByRole('region', { name: 'Quiet hours' });
    expect((within(panel).getByLabelText('End') as HTMLInputElement).value).toBe('06:30');
    expect(text(panel)).toContain('Webhook: not configured');
    await user.click(within(panel).getByLabelText('Enable quiet hours'));
    await user.click(within(panel).getByRole('button', { name: 'Save quiet hours' }));
    expect(client.updateSettings).toHaveBeenCalledWith({ alerts: { quietHours: null } });
    expect(await within(panel).findByText('Quiet hours off.')).toBeTruthy();
  });

  it("shows the webhook's host, never its path, query or token", async () => {
    client = await setupAlerts();
    const panel = screen.getByRole('region', { name: 'Quiet hours' });
    expect(text(panel)).toContain('sends to hooks.example.com');
    expect(document.body.textContent).not.toContain('url-secret');
    expect(document.body.textContent).not.toContain('tok-secret');
  });
});
