// The Push view's Prometheus and MQTT panels, rendered in jsdom with a hand-written fake client.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../shared/settings.js';
import { fakeClient } from '../../test-support/fake-client.js';
import { MQTT_OFF, PROMETHEUS_OFF } from '../../test-support/integration-status.js';
import { makeApp, renderApp } from '../../test-support/render-app.js';
import PushView from '../PushView.svelte';

const T = Date.UTC(2026, 0, 15, 12);

async function show(prometheus = PROMETHEUS_OFF, mqtt = MQTT_OFF) {
  const client = fakeClient('http');
  client.respond('getSettings', parseSettings({}));
  client.respond('pushStatus', { targets: [] });
  client.respond('prometheusStatus', prometheus);
  client.respond('mqttStatus', mqtt);
  const app = makeApp(client);
  await app.settings.load();
  renderApp(PushView, { client, app });
  const panels = {
    prometheus: await screen.findByRole('region', { name: 'Prometheus endpoint' }),
    mqtt: await screen.findByRole('region', { name: 'MQTT and Home Assistant' }),
  };
  return { client, ...panels };
}

describe('the Push view: scraped and home', () => {
  it('says how to turn each on while off', async () => {
    const { prometheus, mqtt } = await show();
    expect(await within(prometheus).findByText(/dashlight run --metrics/)).toBeTruthy();
    expect(within(mqtt).getByRole('link', { name: 'set the broker in Settings' }).getAttribute('href')).toBe(
      '#/settings',
    );
  });

  it('shows where /metrics is served, who may scrape, and why it is not listening', async () => {
    const { prometheus } = await show({
      ...PROMETHEUS_OFF,
      enabled: true,
      auth: 'bearer',
      error: 'the Prometheus endpoint cannot start: 127.0.0.1 port 9437 is already in use',
    });
    expect(await within(prometheus).findByText('not listening')).toBeTruthy();
    expect(within(prometheus).getByText('bearer token')).toBeTruthy();
    expect(within(prometheus).getByRole('alert').textContent).toBe(
      'the Prometheus endpoint cannot start: 127.0.0.1 port 9437 is already in use',
    );
  });

  it('shows the MQTT link, its last error, and tests the connection on request', async () => {
    const { client, mqtt } = await show(PROMETHEUS_OFF, {
      ...MQTT_OFF,
      enabled: true,
      state: 'waiting',
      lastError: 'mqtt://ha.lan:1883 refused the user name or password (not authorized)',
      lastErrorAt: T,
      nextAttempt: T + 4000,
      entities: 12,
      published: 3456,
    });
    expect(await within(mqtt).findByText('waiting')).toBeTruthy();
    expect(
      within(mqtt).getByText('mqtt://ha.lan:1883 refused the user name or password (not authorized)'),
    ).toBeTruthy();
    expect(within(mqtt).getByText('3,456 messages')).toBeTruthy();
    expect(within(mqtt).getByText('12')).toBeTruthy();
    client.respond('testMqtt', { ok: true, detail: 'mqtt://ha.lan:1883 accepted user "dashlight"', elapsedMs: 12 });
    await userEvent.setup().click(within(mqtt).getByRole('button', { name: 'Test the connection' }));
    expect(client.testMqtt).toHaveBeenCalledTimes(1);
    expect((await within(mqtt).findByRole('status')).textContent).toBe('mqtt://ha.lan:1883 accepted user "dashlight"');
  });
});
