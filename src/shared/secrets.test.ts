import { describe, expect, it } from 'vitest';
import { findMarkers, isSecretMarker, keepSecrets, redactSecrets, secret } from './secrets.js';
import { mergeSettings, parseSettings, SettingsError } from './settings.js';
import { settingsSchema } from './settings.js';
import { z } from './validation.js';

const target = (name: string, auth: unknown, url = 'http://vm.lan:8428/write') => ({ name, kind: 'influx', url, auth });

const stored = () =>
  parseSettings({
    push: {
      targets: [
        target('vm', { type: 'bearer', token: 'tok-aaaa-bbbb-1234' }),
        target('influx', { type: 'basic', username: 'me', password: 'pw' }, 'https://me:urlpass@influx.lan/write?p=qp'),
        target('env', { type: 'api-key', key: { env: 'VM_KEY' } }),
      ],
    },
    alerts: { webhook: { url: 'https://hooks.example.com/x', token: 'hook-secret-5678' } },
  });

describe('secrets: reads', () => {
  it('turns every declared secret into a marker and masks URL credentials, wherever it is', () => {
    const shown = redactSecrets(settingsSchema, stored());
    expect(shown.push.targets.map((t) => t.auth)).toEqual([
      { type: 'bearer', token: { set: true, last4: '1234' } },
      // Shorter than 12 characters: not even the last four are shown.
      { type: 'basic', username: 'me', password: { set: true, last4: null } },
      { type: 'api-key', key: { set: true, last4: null, env: 'VM_KEY' }, header: 'X-API-Key' },
    ]);
    expect(shown.push.targets[1]!.url).toBe('https://***:***@influx.lan/write?p=***');
    expect(shown.alerts.webhook?.token).toEqual({ set: true, last4: '5678' });
    const text = JSON.stringify(shown);
    for (const value of ['tok-aaaa-bbbb-1234', '"pw"', 'urlpass', 'qp', 'hook-secret-5678'])
      expect(text).not.toContain(value);
  });

  it('finds secrets declared in any schema, so a new field needs nothing but secret()', () => {
    const mqtt = z.strictObject({ host: z.string(), password: z._default(z.nullable(secret()), null) });
    expect(redactSecrets(mqtt, { host: 'broker', password: 'mqtt-password-0001' })).toEqual({
      host: 'broker',
      password: { set: true, last4: '0001' },
    });
    expect(redactSecrets(mqtt, { host: 'broker', password: null })).toEqual({ host: 'broker', password: null });
  });
});

describe('secrets: writes keep what is stored', () => {
  it('a marker sent back keeps the stored value, matched by target name through a reorder and a removal', () => {
    const before = stored();
    const shown = redactSecrets(settingsSchema, before);
    // The dashboard removes "vm" and moves "env" first, sending the markers it was given.
    const after = mergeSettings(before, { push: { targets: [shown.push.targets[2], shown.push.targets[1]] } });
    expect(after.push.targets.map((t) => [t.name, t.auth])).toEqual([
      ['env', { type: 'api-key', key: { env: 'VM_KEY' }, header: 'X-API-Key' }],
      ['influx', { type: 'basic', username: 'me', password: 'pw' }],
    ]);
    expect(after.push.targets[1]!.url).toBe('https://me:urlpass@influx.lan/write?p=qp');
  });

  it('a secret left out of a target is kept; a new value replaces it; null clears an optional one', () => {
    const before = stored();
    const withoutToken = mergeSettings(before, {
      push: { targets: [{ ...target('vm', { type: 'bearer' }), batchSize: 10 }] },
    });
    expect(withoutToken.push.targets[0]).toMatchObject({ batchSize: 10, auth: { token: 'tok-aaaa-bbbb-1234' } });
    const replaced = mergeSettings(before, { push: { targets: [target('vm', { type: 'bearer', token: 'new' })] } });
    expect(replaced.push.targets[0]!.auth).toEqual({ type: 'bearer', token: 'new' });
    expect(mergeSettings(before, { alerts: { webhook: { token: null } } }).alerts.webhook?.token).toBeNull();
    expect(
      mergeSettings(before, { alerts: { webhook: { token: { file: '/etc/hook' } } } }).alerts.webhook?.token,
    ).toEqual({ file: '/etc/hook' });
  });

  it('a marker with nothing stored behind it is refused at its path, never saved', () => {
    const attempt = () =>
      mergeSettings(stored(), {
        push: { targets: [target('new', { type: 'bearer', token: { set: true, last4: '1234' } })] },
      });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(
      'invalid settings patch: push.targets.0.auth.token: no stored secret to keep here: enter the value',
    );
  });

  it('refuses a secret that is neither text nor a reference, and a bad reference', () => {
    expect(() => parseSettings({ push: { targets: [target('a', { type: 'bearer', token: 42 })] } })).toThrow(
      'push.targets.0.auth.token: must be text, { "env": "NAME" } or { "file": "/absolute/path" }',
    );
    expect(() =>
      parseSettings({ push: { targets: [target('a', { type: 'bearer', token: { file: 'tok' } })] } }),
    ).toThrow('push.targets.0.auth.token: file must be an absolute path, e.g. /etc/dashlight/token');
    expect(() =>
      parseSettings({ push: { targets: [target('a', { type: 'bearer', token: { env: 'A-B' } })] } }),
    ).toThrow('push.targets.0.auth.token: env must name a variable: letters, digits and _');
  });

  it('keepSecrets and findMarkers work on a single target too (testTarget with a stored token)', () => {
    const schema = z.strictObject({ name: z.string(), token: secret() });
    const kept = keepSecrets(schema, { name: 'a', token: { set: true, last4: null } }, { name: 'a', token: 't' });
    expect(kept).toEqual({ name: 'a', token: 't' });
    expect(findMarkers(schema, { name: 'a', token: { set: true, last4: null } })).toEqual(['token']);
    expect(isSecretMarker(kept.token)).toBe(false);
  });
});

describe('settings: a nested __proto__ is an unknown key like any other', () => {
  it('is refused in a patch (it would otherwise be swallowed by the merge) and in a file', () => {
    const patch = JSON.parse('{"sampling":{"__proto__":{"interval":"1s"}}}') as Record<string, unknown>;
    expect(() => mergeSettings(stored(), patch)).toThrow(
      'invalid settings patch: sampling: Unrecognized key: "__proto__"',
    );
    expect(() => parseSettings(JSON.parse('{"log":{"__proto__":{"level":"debug"}}}'))).toThrow(
      'invalid settings: log: Unrecognized key: "__proto__"',
    );
  });
});
