import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushTargetSchema } from '../../../shared/push-settings.js';
import { parseSettings } from '../../../shared/settings.js';
import { headlessSealer, SecretCodec, SecretUnavailableError } from './secret-codec.js';

const SEALED_MESSAGE =
  'it was sealed by the desktop app with the OS keyring (enc:v1:…), which the headless engine cannot open; ' +
  'give it as { "env": "NAME" } or { "file": "/path/to/0600-file" } in config.json (see "Secrets" in the README)';

describe('SecretCodec (headless)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashlight-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const codec = (env: NodeJS.ProcessEnv = {}) => new SecretCodec(headlessSealer, { env, platform: 'linux' });

  it('opens text as it is, and refuses a value sealed by the desktop app, saying what to do', () => {
    expect(codec().open('plain-token')).toBe('plain-token');
    expect(() => codec().open('enc:v1:AAAA')).toThrow(SecretUnavailableError);
    expect(codec().problem('enc:v1:AAAA')).toBe(SEALED_MESSAGE);
  });

  it('reads { env } from the environment, and says when it is unset', () => {
    expect(codec({ VM_TOKEN: 'from-env' }).open({ env: 'VM_TOKEN' })).toBe('from-env');
    expect(codec().problem({ env: 'VM_TOKEN' })).toBe('the environment variable VM_TOKEN is not set (or is empty)');
  });

  it('reads { file } only when no one else may read it, without its final line break', () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'from-file\n');
    chmodSync(file, 0o644);
    expect(codec().problem({ file })).toBe(
      `the file ${file} can be read by other users (mode 0644); run chmod 600 ${file}`,
    );
    chmodSync(file, 0o600);
    expect(codec().open({ file })).toBe('from-file');
    expect(codec().problem({ file: join(dir, 'none') })).toBe(`the file ${join(dir, 'none')} does not exist`);
    expect(codec().problem({ file: dir })).toBe(`${dir} is not a file`);
    writeFileSync(file, '\n');
    expect(codec().problem({ file })).toBe(`the file ${file} is empty`);
  });

  it('opens a whole target, or names the field that cannot be opened', () => {
    const target = pushTargetSchema.parse({
      name: 'vm',
      kind: 'influx',
      url: 'http://vm.lan/write',
      auth: { type: 'bearer', token: 'enc:v1:AAAA' },
    });
    expect(() => codec().openAll(pushTargetSchema, target)).toThrow(`auth.token: ${SEALED_MESSAGE}`);
    expect(codec().problems(pushTargetSchema, target)).toEqual([{ path: 'auth.token', problem: SEALED_MESSAGE }]);
    const plain = { ...target, auth: { type: 'bearer' as const, token: 't' } };
    expect(codec().openAll(pushTargetSchema, plain).auth).toEqual({ type: 'bearer', token: 't' });
  });

  it('redacts what getSettings returns: markers, last four only of long text, nothing of sealed text it cannot open', () => {
    const settings = parseSettings({
      push: {
        targets: [
          { name: 'a', kind: 'influx', url: 'http://h/write', auth: { type: 'bearer', token: 'enc:v1:AAAA' } },
          {
            name: 'b',
            kind: 'influx',
            url: 'http://h/write',
            auth: { type: 'token', token: 'long-enough-token-9z9z' },
          },
        ],
      },
    });
    expect(
      codec()
        .redact(settings)
        .push.targets.map((t) => t.auth),
    ).toEqual([
      { type: 'bearer', token: { set: true, last4: null } },
      { type: 'token', token: { set: true, last4: '9z9z' } },
    ]);
  });
});
