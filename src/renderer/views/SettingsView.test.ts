import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StatusResult } from '../../shared/queries.js';
import { redactSecrets } from '../../shared/secrets.js';
import { mergeSettings, parseSettings, settingsSchema, type Settings } from '../../shared/settings.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { makeApp, renderApp } from '../test-support/render-app.js';
import SettingsView from './SettingsView.svelte';

let client: FakeClient;
let current: Settings;

const status: StatusResult = {
  state: 'running',
  intervalMs: 2000,
  slowIntervalMs: 60_000,
  lastSampleTs: null,
  startedAt: 0,
  version: '0.1.0',
  hostname: 'box',
  db: {
    path: '/var/lib/dashlight/dashlight.db',
    sizeBytes: 5 * 1024 * 1024,
    rows: { raw: 120_000, '1m': 4000, '1h': 70 },
    gaps: 0,
    quarantined: null,
  },
  self: { cpuPercent: 0.3, rssBytes: 60 * 1024 * 1024 },
};

/** The settings as the engine answers them: secrets as markers (src/shared/secrets.ts). */
const shown = (settings: Settings) => redactSecrets(settingsSchema, settings);

async function setup(transport: 'ipc' | 'http' = 'http', initial = parseSettings({})) {
  client = fakeClient(transport);
  current = initial;
  client.respond('getSettings', () => shown(current));
  client.respond('updateSettings', (patch) => shown((current = mergeSettings(current, patch))));
  const app = makeApp(client);
  app.live.status = status;
  await app.settings.load();
  renderApp(SettingsView, { client, app });
  return screen.findByRole('form', { name: 'Settings' });
}

beforeEach(() => {
  // The theme is applied to <html>, which outlives each test's app.
  delete document.documentElement.dataset.theme;
});

describe('SettingsView', () => {
  it('sends only the changed field and says so', async () => {
    const user = userEvent.setup();
    await setup();
    const interval = screen.getByLabelText('Sampling interval') as HTMLInputElement;
    expect(interval.value).toBe('2s');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    await user.clear(interval);
    await user.type(interval, '5s');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenCalledTimes(1);
    expect(client.updateSettings).toHaveBeenCalledWith({ sampling: { interval: '5s' } });
    expect((await screen.findByText('Settings saved')).getAttribute('role')).toBe('status');
    expect(current.sampling.interval).toBe(5000);
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('treats the same duration written differently as unchanged', async () => {
    const user = userEvent.setup();
    await setup();
    const interval = screen.getByLabelText('Sampling interval');
    await user.clear(interval);
    await user.type(interval, '2000');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('never receives a stored secret, and a save leaves every secret as stored', async () => {
    const user = userEvent.setup();
    await setup(
      'http',
      parseSettings({
        alerts: { webhook: { url: 'https://hooks.example.com/x', token: 'webhook-token-7777' } },
        push: {
          targets: [
            {
              name: 'vm',
              kind: 'influx',
              url: 'https://me:pw@vm.lan/write',
              auth: { type: 'bearer', token: 'push-token-8888' },
            },
          ],
        },
      }),
    );
    const interval = screen.getByLabelText('Sampling interval');
    await user.clear(interval);
    await user.type(interval, '5s');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved')).toBeTruthy();
    expect(client.updateSettings).toHaveBeenCalledWith({ sampling: { interval: '5s' } });
    for (const secret of ['webhook-token-7777', 'push-token-8888', 'me:pw']) {
      expect(JSON.stringify(await client.getSettings.mock.results[0]!.value)).not.toContain(secret);
      expect(document.body.innerHTML).not.toContain(secret);
    }
    expect(current.alerts.webhook?.token).toBe('webhook-token-7777');
    expect(current.push.targets[0]!.auth).toEqual({ type: 'bearer', token: 'push-token-8888' });
  });

  it("shows the engine's message under the field it names", async () => {
    const user = userEvent.setup();
    await setup();
    const interval = screen.getByLabelText('Sampling interval');
    await user.clear(interval);
    await user.type(interval, '500ms');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    // The real schema answers: 500 ms is below the 1 s minimum.
    const message = await screen.findByText('must be a duration such as 2s, between 1s and 1h (got "500ms")');
    expect(interval.getAttribute('aria-invalid')).toBe('true');
    expect(interval.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByRole('alert').textContent).toMatch(/Settings not saved: one problem/);
    expect(current.sampling.interval).toBe(2000);
  });

  it('saves retention and an emptied size cap as null, and shows what the database holds', async () => {
    const user = userEvent.setup();
    current = parseSettings({});
    await setup();
    await user.clear(screen.getByLabelText('Keep raw samples (days)'));
    await user.type(screen.getByLabelText('Keep raw samples (days)'), '14');
    await user.type(screen.getByLabelText('Size cap (MB)'), '500');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenLastCalledWith({ storage: { retention: { rawDays: 14, maxSizeMb: 500 } } });
    await user.clear(screen.getByLabelText('Size cap (MB)'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenLastCalledWith({ storage: { retention: { maxSizeMb: null } } });
    expect(screen.getByText('120,000')).toBeTruthy();
    expect(screen.getByText('5.0 MiB')).toBeTruthy();
    expect(screen.getByText('/var/lib/dashlight')).toBeTruthy();
  });

  it('applies the chosen theme to <html> once saved', async () => {
    const user = userEvent.setup();
    await setup();
    const group = screen.getByRole('group', { name: 'Theme' });
    await user.click(within(group).getByLabelText('Dark'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenCalledWith({ desktop: { theme: 'dark' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });

  it('Revert puts the form back to the saved settings', async () => {
    const user = userEvent.setup();
    await setup();
    await user.selectOptions(screen.getByLabelText('Log level'), 'debug');
    await user.click(screen.getByRole('button', { name: 'Revert' }));
    expect((screen.getByLabelText('Log level') as HTMLSelectElement).value).toBe('info');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('hides the tray section in the browser', async () => {
    await setup('http');
    expect(screen.queryByRole('heading', { name: 'Tray and desktop' })).toBeNull();
    expect(screen.queryByLabelText(/Launch Dashlight at login/)).toBeNull();
  });

  it('on the desktop, edits tray metrics (at most 4), launch at login and the plain-text consent', async () => {
    const user = userEvent.setup();
    await setup('ipc');
    expect(screen.getByRole('heading', { name: 'Tray and desktop' })).toBeTruthy();
    const tray = screen.getByRole('group', { name: 'Tray metrics (up to 4)' });
    await user.click(within(tray).getByRole('checkbox', { name: /Load average 1 min/ }));
    await user.click(within(tray).getByRole('checkbox', { name: /CPU temperature/ }));
    const battery = within(tray).getByRole('checkbox', { name: /Battery/ }) as HTMLInputElement;
    expect(battery.disabled).toBe(true);
    await user.click(screen.getByLabelText(/Launch Dashlight at login/));
    await user.click(screen.getByLabelText(/Store tokens without a keyring/));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenCalledWith({
      desktop: {
        trayMetrics: ['cpu.total', 'mem.percent', 'load.1', 'temp.cpu'],
        launchAtLogin: true,
        allowPlainTextSecrets: true,
      },
    });
  });
});
