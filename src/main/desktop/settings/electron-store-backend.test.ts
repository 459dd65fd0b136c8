import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pushTargetSchema } from '../../../shared/push-settings.js';
import { mergeSettings, parseSettings } from '../../../shared/settings.js';
import { jsonFileBackend } from '../../engine/settings/json-file-backend.js';
import { SettingsStore } from '../../engine/settings/settings-store.js';
import { fake, electron } from '../test-support/fake-electron.js';
import { electronStoreBackend } from './electron-store-backend.js';
import { TokenVault } from './token-vault.js';

// electron-store is loaded by Node itself (not through vitest), so it imports the real `electron`
// package, which only resolves its binary's path; pointing that elsewhere keeps it from trying
// to download Electron. electron-store then works as in Node with the absolute `cwd` we pass.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});
vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const SEALED_HEADLESS =
  'it was sealed by the desktop app with the OS keyring (enc:v1:…), which the headless engine cannot open; ' +
  'give it as { "env": "NAME" } or { "file": "/path/to/0600-file" } in config.json (see "Secrets" in the README)';

describe('electronStoreBackend', () => {
  let dir: string;
  beforeEach(() => {
    fake.reset();
    dir = mkdtempSync(join(tmpdir(), 'dashlight-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const desktop = () =>
    new SettingsStore({
      backend: electronStoreBackend({ cwd: dir }),
      sealer: new TokenVault(electron.safeStorage, 'linux'),
    });
  const headless = (env: NodeJS.ProcessEnv = {}) =>
    new SettingsStore({ backend: jsonFileBackend(join(dir, 'config.json')), env });

  it('round-trips settings through <cwd>/config.json in the headless format, owner-only', () => {
    const settings = parseSettings({ sampling: { interval: '5s' } });
    desktop().save(settings);
    const text = readFileSync(join(dir, 'config.json'), 'utf8');
    // No electron-store bookkeeping: the headless engine's strict schema reads this file too.
    expect(text).not.toContain('__internal__');
    expect(text).toBe(`${JSON.stringify(settings, null, 2)}\n`);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(desktop().loadRepaired()).toEqual({ settings, resets: [] });
  });

  it('a file written by the desktop app loads headless: its sealed token is reported, never used', () => {
    const settings = parseSettings({
      push: {
        targets: [
          { name: 'vm', kind: 'influx', url: 'http://vm.lan/write', auth: { type: 'bearer', token: 'desk-token' } },
        ],
      },
    });
    desktop().save(settings);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('desk-token');
    const loaded = headless();
    const target = loaded.load().push.targets[0]!;
    expect(target.auth).toMatchObject({ type: 'bearer', token: expect.stringMatching(/^enc:v1:/) });
    expect(loaded.codec.problems(pushTargetSchema, target)).toEqual([{ path: 'auth.token', problem: SEALED_HEADLESS }]);
  });

  it('a file written headless loads in the desktop app: text and references kept, text sealed at the next save', () => {
    const secretFile = join(dir, 'vm-token');
    writeFileSync(secretFile, 'file-token\n');
    chmodSync(secretFile, 0o600);
    const cli = headless();
    cli.save(
      parseSettings({
        push: {
          targets: [
            { name: 'plain', kind: 'influx', url: 'http://a/write', auth: { type: 'bearer', token: 'cli-token' } },
            {
              name: 'ref',
              kind: 'influx',
              url: 'http://b/write',
              auth: { type: 'token', token: { file: secretFile } },
            },
          ],
        },
      }),
    );
    const app = desktop();
    const { settings, resets } = app.loadRepaired();
    expect(resets).toEqual([]);
    expect(settings.push.targets.map((t) => t.auth)).toEqual([
      { type: 'bearer', token: 'cli-token' },
      { type: 'token', token: { file: secretFile } },
    ]);
    expect(app.codec.open({ file: secretFile })).toBe('file-token');
    app.save(mergeSettings(settings, { log: { level: 'debug' } }));
    const onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(onDisk).not.toContain('cli-token');
    expect(onDisk).toContain(secretFile);
  });

  it('runs the migrations on an existing file and repairs bad fields', () => {
    writeFileSync(join(dir, 'config.json'), `\uFEFF${JSON.stringify({ interval: '1s', log: { level: 'loud' } })}`);
    const { settings, resets } = desktop().loadRepaired();
    expect(settings.sampling.interval).toBe(1000);
    expect(resets).toEqual([expect.objectContaining({ path: 'log.level', was: 'loud' })]);
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(onDisk).not.toHaveProperty('interval');
    expect(parseSettings(onDisk)).toEqual(settings);
  });

  it('moves an unreadable file aside, starts from the defaults and reports it', () => {
    writeFileSync(join(dir, 'config.json'), '{ "log": ');
    const { settings, resets } = desktop().loadRepaired();
    expect(settings).toEqual(parseSettings({}));
    expect(resets).toEqual([expect.objectContaining({ path: '(root)', message: expect.stringMatching(/moved to/) })]);
    expect(readdirSync(dir).some((name) => name.startsWith('config.json.invalid-'))).toBe(true);
  });
});
