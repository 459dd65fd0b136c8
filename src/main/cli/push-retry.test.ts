// The retry plan lives in the database with the cursor: a `push status` in another process shows
// when the next attempt is due, and `push now` in another process obeys a server's Retry-After.
// In-process CLI calls (each opens the database afresh, as separate commands do) against a real
// HTTP server.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushStatusResult } from '../../shared/push.js';
import { startRecordingServer, type RecordingServer } from '../engine/push/test-support/recording-server.js';
import { main } from './main.js';
import { captureIo } from './test-support/capture-io.js';

let dir: string;
let db: string;
let server: RecordingServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashlight-cli-push-retry-'));
  db = join(dir, 'dashlight.db');
  server = await startRecordingServer();
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ push: { targets: [{ name: 'vm', kind: 'http-json', url: server.url }] } }),
  );
  expect(await main(['sample', '--db', db], captureIo())).toBe(0);
});
afterAll(() => server.close());

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.text(), err: io.stderr.join(''), at: io.now() };
}

const target = (out: string) => (JSON.parse(out) as PushStatusResult).targets[0]!;

describe('push retry plan, seen and obeyed by every process', () => {
  it('push status shows the next attempt a failed push now planned', async () => {
    server.respond(503);
    const failed = await cli(['push', 'now', '--db', db, '--json']);
    expect(failed.code).toBe(1);
    expect(server.requests).toHaveLength(1);
    const status = await cli(['push', 'status', '--db', db, '--json']);
    const planned = target(status.out);
    expect(planned.lastError).toBe('503 Service Unavailable');
    // The first retry: 5 s ± 20 % after the failure, as stored by the process that failed.
    expect(planned.nextAttempt).not.toBeNull();
    expect(planned.nextAttempt! - planned.lastErrorAt!).toBeGreaterThanOrEqual(4000);
    expect(planned.nextAttempt! - planned.lastErrorAt!).toBeLessThanOrEqual(6000);
    expect(planned.retryAfterUntil).toBeNull();
  });

  it('push now in another process sends nothing before a Retry-After, and says until when', async () => {
    server.respond(429, { 'retry-after': '120' });
    const asked = await cli(['push', 'now', '--db', db, '--json']);
    expect(asked.code).toBe(1);
    expect(server.requests).toHaveLength(2);
    const held = target(asked.out);
    expect(held.retryAfterUntil! - held.lastErrorAt!).toBe(120_000);
    expect(held.nextAttempt).toBe(held.retryAfterUntil);

    const again = await cli(['push', 'now', '--db', db]);
    expect(server.requests).toHaveLength(2);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^dashlight: vm: nothing sent; the server asked \(Retry-After\) to wait until .+ \(in (1m\d+s|2m)\)\n?$/,
    );
    const status = target((await cli(['push', 'status', '--db', db, '--json'])).out);
    expect(status).toMatchObject({ retryAfterUntil: held.retryAfterUntil, nextAttempt: held.nextAttempt });
  });
});
