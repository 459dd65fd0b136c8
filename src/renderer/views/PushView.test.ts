import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PushTargetStatus } from '../../shared/push.js';
import { redactSecrets } from '../../shared/secrets.js';
import { mergeSettings, parseSettings, settingsSchema, type Settings } from '../../shared/settings.js';
import { fakeClient, type FakeClient } from '../test-support/fake-client.js';
import { MQTT_OFF, PROMETHEUS_OFF } from '../test-support/integration-status.js';
import { makeApp, renderApp } from '../test-support/render-app.js';
import PushView from './PushView.svelte';

const STORED_TOKEN = 's3cret-token-value';
/** What the engine sends in its place (src/shared/secrets.ts). */
const STORED_MARKER = { set: true, last4: 'alue' };
/** The settings as the engine answers them: secrets as markers. */
const shown = (settings: Settings) => redactSecrets(settingsSchema, settings);
const T = Date.UTC(2026, 0, 15, 12, 0, 0);

const baseSettings = (): Settings =>
  parseSettings({
    push: {
      targets: [
        {
          name: 'vm',
          kind: 'influx',
          url: 'http://vm.lan:8428/write',
          auth: { type: 'bearer', token: STORED_TOKEN },
        },
      ],
    },
  });

const vmStatus = (over: Partial<PushTargetStatus> = {}): PushTargetStatus => ({
  name: 'vm',
  kind: 'influx',
  url: 'http://vm.lan:8428/write',
  enabled: true,
  paused: false,
  pending: 1234,
  sentTotal: 86_400,
  droppedTotal: 7,
  deadTotal: 50,
  deadLetters: 2,
  cursorTs: T,
  lastSuccess: T - 60_000,
  lastError: '503 Service Unavailable',
  lastErrorAt: T,
  nextAttempt: T + 30_000,
  retryAfterUntil: null,
  credentialProblem: null,
  ...over,
});

let client: FakeClient;
let current: Settings;

async function setup(transport: 'ipc' | 'http' = 'http', status = vmStatus()) {
  client = fakeClient(transport);
  current = baseSettings();
  // `current` is what the engine holds; the page only ever gets it with secrets as markers.
  client.respond('getSettings', () => shown(current));
  client.respond('updateSettings', (patch) => shown((current = mergeSettings(current, patch))));
  client.respond('pushStatus', { targets: [status] });
  client.respond('prometheusStatus', PROMETHEUS_OFF);
  client.respond('mqttStatus', MQTT_OFF);
  const app = makeApp(client);
  await app.settings.load();
  renderApp(PushView, { client, app });
  return screen.findByRole('article', { name: 'vm' });
}

interface SentPatch {
  push: { targets: (Record<string, unknown> & { name: string })[] };
}

/** The last patch sent to updateSettings. */
const lastPatch = () => client.updateSettings.mock.lastCall?.[0] as SentPatch;

describe('PushView: the target list', () => {
  it('shows each target with its live delivery status', async () => {
    const card = await setup();
    expect(await within(card).findByText('1,234 samples')).toBeTruthy();
    expect(within(card).getByText('InfluxDB line protocol')).toBeTruthy();
    expect(within(card).getByText('http://vm.lan:8428/write')).toBeTruthy();
    expect(within(card).getAllByText('retrying').length).toBeGreaterThan(0);
    expect(within(card).getByText('503 Service Unavailable')).toBeTruthy();
    expect(within(card).getByText('86,400 samples')).toBeTruthy();
    const dropped = within(card).getByText('Samples dropped').nextElementSibling!;
    expect(dropped.textContent).toBe('7');
    const times = card.querySelectorAll('time');
    expect([...times].map((t) => t.getAttribute('title'))).toContain(`UTC ${new Date(T - 60_000).toISOString()}`);
    expect(client.pushStatus).toHaveBeenCalled();
  });

  it('sends Push now, Pause and Resume for that target, and Push all now for all', async () => {
    const user = userEvent.setup();
    const card = await setup();
    client.respond('pushNow', { targets: [vmStatus({ lastError: null, nextAttempt: null, pending: 0 })] });
    client.respond('pausePush', { targets: [vmStatus({ paused: true })] });
    client.respond('resumePush', { targets: [vmStatus()] });

    await user.click(within(card).getByRole('button', { name: 'Push now' }));
    expect(client.pushNow).toHaveBeenLastCalledWith({ target: 'vm' });
    expect(await screen.findByText('Sent everything pending to vm')).toBeTruthy();
    expect(within(card).getAllByText('ok').length).toBeGreaterThan(0);

    await user.click(within(card).getByRole('button', { name: 'Pause' }));
    expect(client.pausePush).toHaveBeenLastCalledWith({ target: 'vm' });
    expect(await within(card).findAllByText('paused')).not.toHaveLength(0);

    await user.click(within(card).getByRole('button', { name: 'Resume' }));
    expect(client.resumePush).toHaveBeenLastCalledWith({ target: 'vm' });
    expect(await screen.findByText('Resumed vm')).toBeTruthy();

    client.respond('pushNow', { targets: [vmStatus()] });
    await user.click(screen.getByRole('button', { name: 'Push all now' }));
    expect(client.pushNow).toHaveBeenLastCalledWith();
    expect((await screen.findByRole('alert')).textContent).toBe('Push failed: vm: 503 Service Unavailable');
  });

  it('says when a target cannot send because its credential cannot be used here', async () => {
    const problem =
      'auth.token: it was sealed by the desktop app with the OS keyring (enc:v1:…), which the headless engine cannot open; ' +
      'give it as { "env": "NAME" } or { "file": "/path/to/0600-file" } in config.json (see "Secrets" in the README); ' +
      'nothing is sent to vm until it is fixed';
    const card = await setup('http', vmStatus({ lastError: null, nextAttempt: null, credentialProblem: problem }));
    const line = await within(card).findByText(/Not sending:/);
    expect(line.closest('p')!.textContent).toBe(`Not sending: the credential cannot be used here. ${problem}`);
    expect(within(card).getAllByText('failing').length).toBeGreaterThan(0);
  });

  it('expands the dead letters from pushDeadLetters', async () => {
    const user = userEvent.setup();
    const card = await setup();
    client.respond('pushDeadLetters', [
      {
        id: 1,
        target: 'vm',
        batchId: 'vm-abc',
        firstTs: T - 10_000,
        lastTs: T,
        samples: 5,
        status: 400,
        bodyExcerpt: 'field type conflict',
        at: T,
      },
    ]);
    const toggle = within(card).getByRole('button', { name: 'Dead letters' });
    await user.click(toggle);
    expect(client.pushDeadLetters).toHaveBeenCalledWith({ target: 'vm' });
    const table = await within(card).findByRole('table', { name: 'Dead letters of vm' });
    expect(within(table).getByText('field type conflict')).toBeTruthy();
    expect(within(table).getByText('vm-abc')).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('removes a target only after the inline confirmation', async () => {
    const user = userEvent.setup();
    const card = await setup();
    await user.click(within(card).getByRole('button', { name: 'Remove' }));
    expect(client.updateSettings).not.toHaveBeenCalled();
    await user.click(within(card).getByRole('button', { name: 'Remove vm' }));
    expect(lastPatch()).toEqual({ push: { targets: [] } });
  });
});

describe('PushView: adding and editing a target', () => {
  it('tests the form values, then saves the whole target list', async () => {
    const user = userEvent.setup();
    await setup();
    client.respond('testTarget', { ok: true, status: 204, detail: 'accepted a batch of 1 sample(s)', elapsedMs: 42 });

    await user.click(screen.getByRole('button', { name: 'Add target' }));
    const form = screen.getByRole('form', { name: 'Add push target' });
    await user.type(within(form).getByLabelText('Name'), 'otel');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'otlp');
    await user.type(within(form).getByLabelText('URL'), 'http://collector.lan:4318');
    await user.selectOptions(within(form).getByLabelText('Scheme'), 'api-key');
    const key = within(form).getByLabelText('API key');
    expect(key.getAttribute('type')).toBe('password');
    expect(key.getAttribute('autocomplete')).toBe('off');
    await user.type(key, 'k-123');
    await user.click(within(form).getByLabelText('Compress batches (gzip)'));

    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(client.testTarget).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'otel',
        kind: 'otlp',
        url: 'http://collector.lan:4318',
        auth: { type: 'api-key', key: 'k-123', header: 'X-API-Key' },
        gzip: false,
      }),
    );
    expect((await within(form).findByRole('status')).textContent).toMatch(/HTTP 204 in 42 ms/);

    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    const targets = lastPatch().push.targets;
    expect(targets.map((t) => t.name)).toEqual(['vm', 'otel']);
    expect(targets[0]!.auth).toEqual({ type: 'bearer', token: STORED_MARKER });
    expect(current.push.targets[0]!.auth).toEqual({ type: 'bearer', token: STORED_TOKEN });
    expect(current.push.targets[1]).toMatchObject({ name: 'otel', kind: 'otlp', gzip: false });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows a failed test as an alert, and its input errors under the field', async () => {
    const user = userEvent.setup();
    await setup();
    client.respond('testTarget', { ok: false, status: 401, detail: 'check the credentials', elapsedMs: 9 });
    await user.click(screen.getByRole('button', { name: 'Add target' }));
    const form = screen.getByRole('form', { name: 'Add push target' });
    await user.type(within(form).getByLabelText('Name'), 'x');
    await user.type(within(form).getByLabelText('URL'), 'http://h');
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent!.replace(/\s+/g, ' ')).toMatch(/HTTP 401 after 9 ms\. check the credentials/);

    client.fail('testTarget', {
      name: 'InputError',
      message: 'invalid input to testTarget: url: must be an http:// or https:// URL',
      issues: [{ path: 'url', message: 'must be an http:// or https:// URL' }],
    });
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    const url = within(form).getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('must be an http:// or https:// URL').id).toBe(
      url.getAttribute('aria-describedby')!.split(' ').at(-1),
    );
  });

  it('shows an issue at push.targets.N.url under the URL field', async () => {
    const user = userEvent.setup();
    await setup();
    await user.click(screen.getByRole('button', { name: 'Add target' }));
    const form = screen.getByRole('form', { name: 'Add push target' });
    await user.type(within(form).getByLabelText('Name'), 'bad');
    await user.type(within(form).getByLabelText('URL'), 'ftp://files.lan/');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    // The real merge and schema answer: the new target is index 1 in the list.
    const url = within(form).getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const message = within(form).getByText('must be an http:// or https:// URL');
    expect(url.getAttribute('aria-describedby')).toContain(message.id);
    expect(current.push.targets).toHaveLength(1);
  });

  it('never shows the stored token, and keeps it when the field is left empty', async () => {
    const user = userEvent.setup();
    const card = await setup();
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit push target vm' });
    const token = within(form).getByLabelText('Token') as HTMLInputElement;
    expect(token.value).toBe('');
    expect(within(form).getByText(/A value is stored, ending in …alue; it is never shown\./)).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(STORED_TOKEN);
    await user.clear(within(form).getByLabelText('Batch size (samples)'));
    await user.type(within(form).getByLabelText('Batch size (samples)'), '500');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    const sent = lastPatch().push.targets;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: 'vm', batchSize: 500, auth: { type: 'bearer', token: STORED_MARKER } });
    expect(current.push.targets[0]).toMatchObject({ batchSize: 500, auth: { type: 'bearer', token: STORED_TOKEN } });

    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText('Token'), 'new-token');
    await user.click(screen.getByRole('button', { name: 'Save target' }));
    expect(current.push.targets[0]!.auth).toEqual({ type: 'bearer', token: 'new-token' });
  });

  it('on the desktop, offers storing tokens without a keyring and then retries the save', async () => {
    const user = userEvent.setup();
    await setup('ipc');
    const refusal =
      'no OS keyring found (gnome-keyring or KWallet): the push token would be stored with a hard-coded key, ' +
      'which anyone who can read config.json can undo; confirm "store tokens without a keyring" in settings ' +
      '(desktop.allowPlainTextSecrets) to save it anyway';
    client.respond('updateSettings', (patch) => {
      const next = mergeSettings(current, patch);
      if (!next.desktop.allowPlainTextSecrets && next.push.targets.some((t) => t.auth !== null)) {
        throw { name: 'Error', message: refusal };
      }
      return shown((current = next));
    });
    await user.click(screen.getByRole('button', { name: 'Add target' }));
    const form = screen.getByRole('form', { name: 'Add push target' });
    await user.type(within(form).getByLabelText('Name'), 'ingest');
    await user.type(within(form).getByLabelText('URL'), 'https://ingest.lan/v1');
    await user.selectOptions(within(form).getByLabelText('Scheme'), 'bearer');
    await user.type(within(form).getByLabelText('Token'), 'tok');
    await user.click(within(form).getByRole('button', { name: 'Save target' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('hard-coded key');

    await user.click(
      within(form).getByLabelText('Store tokens without a keyring (readable by anyone with access to your files)'),
    );
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    const patches = client.updateSettings.mock.calls.map(([patch]) => patch);
    expect(patches.at(-2)).toEqual({ desktop: { allowPlainTextSecrets: true } });
    expect(current.push.targets.map((t) => t.name)).toEqual(['vm', 'ingest']);
  });
});
