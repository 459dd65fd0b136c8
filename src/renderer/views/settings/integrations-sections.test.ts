// The Settings view's Prometheus and MQTT sections: what they show of stored secrets, and what a
// save sends.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mergeSettings, parseSettings, type Settings } from '../../../shared/settings.js';
import { fakeClient } from '../../test-support/fake-client.js';
import { makeApp, renderApp } from '../../test-support/render-app.js';
import SettingsView from '../SettingsView.svelte';

async function setup(stored: Settings) {
  const client = fakeClient('http');
  let current = stored;
  client.respond('getSettings', () => current);
  client.respond('updateSettings', (patch) => (current = mergeSettings(current, patch)));
  const app = makeApp(client);
  await app.settings.load();
  renderApp(SettingsView, { client, app });
  await screen.findByRole('form', { name: 'Settings' });
  return { client, mqtt: screen.getByRole('region', { name: 'MQTT and Home Assistant' }) };
}

describe('Settings: Prometheus and MQTT', () => {
  it('turns MQTT on with a broker and a password; the stored password is never shown', async () => {
    const { client, mqtt } = await setup(parseSettings({ mqtt: { password: 'stored-secret-pass' } }));
    const user = userEvent.setup();
    const password = within(mqtt).getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('Stored; type a new one to replace it');
    expect(document.body.innerHTML).not.toContain('stored-secret-pass');
    await user.click(within(mqtt).getByLabelText('Publish to an MQTT broker'));
    const broker = within(mqtt).getByLabelText('Broker');
    await user.clear(broker);
    await user.type(broker, 'mqtt://ha.lan:1883');
    await user.type(password, 'new-pass');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(client.updateSettings).toHaveBeenLastCalledWith({
      mqtt: { enabled: true, url: 'mqtt://ha.lan:1883', password: 'new-pass' },
    });
  });

  it("shows the engine's message under the field it names", async () => {
    const { client } = await setup(parseSettings({}));
    client.fail('updateSettings', {
      name: 'SettingsError',
      message: 'invalid settings',
      issues: [{ path: 'prometheus.auth.token', message: 'Too small: expected string to have >=16 characters' }],
    });
    const user = userEvent.setup();
    const section = screen.getByRole('region', { name: 'Prometheus endpoint' });
    await user.selectOptions(within(section).getByLabelText('Who may scrape'), 'bearer');
    await user.type(within(section).getByLabelText('Token (16 characters or more)'), 'short');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await within(section).findByText('Too small: expected string to have >=16 characters')).toBeTruthy();
  });
});
