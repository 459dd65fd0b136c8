// Secrets through the CLI, in-process against real files and a real HTTP server: a token sealed
// by the desktop app is never sent headless (and every interface says so), references are read
// from the environment and from an owner-only file, and no secret reaches the output or the log.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../engine/push/test-support/recording-server.js';
import { spawnRun } from '../engine/test-support/spawned-cli.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

const SEALED = 'enc:v1:c2VhbGVkLWJ5LXRoZS1kZXNrdG9w';
const ENV_KEY = 'env-key-value-0001';
const FILE_TOKEN = 'file-token-value-0002';
const WEBHOOK_TOKEN = 'webhook-token-value-0003';
const SEALED_PROBLEM =
  'it was sealed by the desktop app with the OS keyring (enc:v1:…), which the headless engine cannot open; ' +
  'give it as { "env": "NAME" } or { "file": "/path/to/0600-file" } in config.json (see "Secrets" in the README)';

let dir: string;
let db: string;
let server: RecordingServer;
let tokenFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-secrets-'));
  db = join(dir, 'dashlight.db');
  server = await startRecordingServer();
  tokenFile = join(dir, 'influx-token');
  writeFileSync(tokenFile, `${FILE_TOKEN}\n`);
  chmodSync(tokenFile, 0o600);
  const target = (name: string, auth: unknown) => ({ name, kind: 'http-json', url: `${server.url}/${name}`, auth });
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      push: {
        targets: [
          target('sealed', { type: 'bearer', token: SEALED }),
          target('fromenv', { type: 'api-key', key: { env: 'DASHLIGHT_TEST_KEY' } }),
          target('fromfile', { type: 'token', token: { file: tokenFile } }),
        ],
      },
      alerts: { webhook: { url: `${server.url}/hook`, token: WEBHOOK_TOKEN } },
    }),
  );
  expect(await main(['sample', '--db', db], captureIo({ DASHLIGHT_TEST_KEY: ENV_KEY }))).toBe(0);
});
afterAll(() => server.close());

async function cli(argv: string[]) {
  const io = captureIo({ DASHLIGHT_TEST_KEY: ENV_KEY });
  const code = await main(argv, io);
  return { code, out: io.text(), err: io.stderr.join('') };
}

describe('secrets headless', () => {
  it('push now sends with references opened, never a sealed token, and fails for the sealed target', async () => {
    const result = await cli(['push', 'now', '--db', db, '--json']);
    expect(result.code).toBe(1);
    const paths = server.requests.map((r) => r.url);
    expect(paths.sort()).toEqual(['/fromenv', '/fromfile']);
    const byPath = new Map(server.requests.map((r) => [r.url, r.headers]));
    expect(byPath.get('/fromenv')!['x-api-key']).toBe(ENV_KEY);
    expect(byPath.get('/fromfile')!.authorization).toBe(`Token ${FILE_TOKEN}`);
    for (const request of server.requests) expect(JSON.stringify(request.headers)).not.toContain('enc:v1');
    const sealed = (JSON.parse(result.out) as { targets: { name: string; credentialProblem: string | null }[] })
      .targets;
    expect(sealed.map((t) => [t.name, t.credentialProblem])).toEqual([
      ['sealed', `auth.token: ${SEALED_PROBLEM}; nothing is sent to sealed until it is fixed`],
      ['fromenv', null],
      ['fromfile', null],
    ]);
  });

  it('push test and push status say why the sealed target sends nothing, and send nothing', async () => {
    const before = server.requests.length;
    const test = await cli(['push', 'test', 'sealed', '--db', db]);
    expect(test.code).toBe(1);
    expect(test.out).toBe(
      `FAILED in 0 ms: ${server.url}/sealed: nothing was sent, the credential cannot be used: auth.token: ${SEALED_PROBLEM}`,
    );
    expect(server.requests.length).toBe(before);
    const status = await cli(['push', 'status', '--db', db]);
    expect(status.out).toContain(
      `not sending: auth.token: ${SEALED_PROBLEM}; nothing is sent to sealed until it is fixed`,
    );
  });

  it('doctor fails on the sealed secret, naming where it is', async () => {
    const result = await cli(['doctor', '--db', db, '--json']);
    const findings = (JSON.parse(result.out) as { findings: { check: string; status: string; detail: string }[] })
      .findings;
    expect(findings).toContainEqual({
      check: 'secret push.targets.0.auth.token ("sealed")',
      status: 'fail',
      detail: SEALED_PROBLEM,
    });
    expect(findings.find((f) => f.check === 'push sealed')).toMatchObject({ status: 'fail' });
    expect(result.code).toBe(1);
  });

  it('a file others can read is refused with the fix, and nothing is sent with it', async () => {
    chmodSync(tokenFile, 0o640);
    try {
      const before = server.requests.length;
      const test = await cli(['push', 'test', 'fromfile', '--db', db]);
      expect(test.out).toBe(
        `FAILED in 0 ms: ${server.url}/fromfile: nothing was sent, the credential cannot be used: ` +
          `auth.token: the file ${tokenFile} can be read by other users (mode 0640); run chmod 600 ${tokenFile}`,
      );
      expect(server.requests.length).toBe(before);
    } finally {
      chmodSync(tokenFile, 0o600);
    }
  });

  it('run says at start, for each secret it cannot use, where it is and why', async () => {
    const run = await spawnRun(['--db', db, '--interval', '1s'], 30_000, { DASHLIGHT_TEST_KEY: ENV_KEY });
    const { code } = await run.stop();
    expect(code).toBe(0);
    const warnings = run
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('dashlight: warning:'));
    expect(warnings).toEqual([
      `dashlight: warning: push.targets.0.auth.token ("sealed") cannot be used, so nothing that needs it is sent: ${SEALED_PROBLEM}`,
    ]);
  });

  it('no secret reaches the output of any command, or the log', async () => {
    const outputs = await Promise.all([
      cli(['push', 'status', '--db', db, '--json']),
      cli(['doctor', '--db', db]),
      cli(['push', 'dead-letters', 'fromenv', '--db', db]),
    ]);
    const logs = readdirSync(join(dir, 'logs')).map((name) => readFileSync(join(dir, 'logs', name), 'utf8'));
    const everything = [...outputs.flatMap((o) => [o.out, o.err]), ...logs].join('\n');
    for (const secret of [ENV_KEY, FILE_TOKEN, WEBHOOK_TOKEN, SEALED.slice('enc:v1:'.length)])
      expect(everything).not.toContain(secret);
  });
});
