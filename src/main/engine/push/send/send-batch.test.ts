// sendBatch against a real node:http server on 127.0.0.1 (the recording server), one outcome per
// status class and per network failure. No timing assertions: timeouts are only checked by kind.
import { gunzipSync } from 'node:zlib';
import { gzipBody } from '../encode/gzip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushTargetSchema, type ClearPushTarget, type PushTargetInput } from '../../../../shared/push-settings.js';
import { freePort } from '../test-support/free-port.js';
import { startRecordingServer, type RecordingServer } from '../test-support/recording-server.js';
import { sendBatch, type OutgoingBatch } from './send-batch.js';

const TOKEN = 'tok-very-secret-123';
const body = Buffer.from('dashlight,host=a cpu=1.5 1700000000000\n'.repeat(50));
const batch: OutgoingBatch = { id: 'vm-1700000000000-1700000049000', body, contentType: 'text/plain; charset=utf-8' };

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
});

const target = (input: Partial<PushTargetInput> = {}): ClearPushTarget =>
  pushTargetSchema.parse({
    name: 'vm',
    kind: 'influx',
    url: server.url,
    auth: { type: 'bearer', token: TOKEN },
    ...input,
  }) as ClearPushTarget;

describe('sendBatch: the request', () => {
  it('POSTs the gzipped body with content type, user agent, auth and Idempotency-Key', async () => {
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'ok', status: 204 });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/write?db=dashlight&precision=ms');
    expect(request?.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-encoding': 'gzip',
      authorization: `Bearer ${TOKEN}`,
      'idempotency-key': batch.id,
      'content-length': String(request?.body.length),
    });
    expect(request?.headers['user-agent']).toMatch(/^dashlight\//);
    expect(request?.decodedBody?.equals(body)).toBe(true);
    expect(gunzipSync(request?.body ?? Buffer.alloc(0)).equals(body)).toBe(true);
  });

  it('sends byte-identical requests for the same batch (deterministic gzip)', async () => {
    await sendBatch(target(), batch);
    await sendBatch(target(), { ...batch, body: Buffer.from(body) }); // a fresh Buffer, same bytes
    const [first, second] = server.requests;
    expect(second?.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
    expect(first?.body.equals(gzipBody(body))).toBe(true);
  });

  it('sends plain bytes when gzip is off, and honours the user agent and API-key options', async () => {
    const apiKey = target({ kind: 'http-json', gzip: false, auth: { type: 'api-key', key: 'k-123456' } });
    await sendBatch(apiKey, batch, { userAgent: 'test-agent/1' });
    await sendBatch(target(), batch, { gzip: false });
    const [first, second] = server.requests;
    expect(first?.headers['content-encoding']).toBeUndefined();
    expect(first?.body.equals(body)).toBe(true);
    expect(first?.headers).toMatchObject({ 'x-api-key': 'k-123456', 'user-agent': 'test-agent/1' });
    expect(first?.url).toBe('/');
    expect(second?.headers['content-encoding']).toBeUndefined();
  });

  it('turns credentials in the URL into Basic auth and keeps them off the request line', async () => {
    const url = server.url.replace('http://', 'http://me:p%40ss@');
    await sendBatch(target({ url, auth: null }), batch);
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('me:p@ss').toString('base64')}`);
    expect(server.requests[0]?.url).not.toContain('p%40ss');
  });
});

describe('sendBatch: outcomes by status', () => {
  it.each([200, 201, 204])('%i is ok', async (status) => {
    server.respond(status, {}, 'fine');
    expect(await sendBatch(target(), batch)).toMatchObject({ kind: 'ok', status });
  });

  it.each([408, 429, 500, 502, 503, 504])('%i is retried', async (status) => {
    server.respond(status, {}, 'busy');
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'retry', status, retryAfterMs: null });
    expect(outcome.kind === 'retry' && outcome.reason).toContain(String(status));
  });

  it('reads Retry-After in seconds and as an HTTP-date, capped at 10 min', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    server.respond(429, { 'retry-after': '7' });
    server.respond(503, { 'retry-after': new Date(now + 120_000).toUTCString() });
    server.respond(503, { 'retry-after': '86400' });
    const options = { now: () => now };
    expect(await sendBatch(target(), batch, options)).toMatchObject({
      kind: 'retry',
      status: 429,
      retryAfterMs: 7_000,
    });
    expect(await sendBatch(target(), batch, options)).toMatchObject({ retryAfterMs: 120_000 });
    expect(await sendBatch(target(), batch, options)).toMatchObject({ retryAfterMs: 600_000 });
  });

  it('413 asks for a split', async () => {
    server.respond(413, {}, 'request entity too large');
    expect(await sendBatch(target(), batch)).toMatchObject({ kind: 'split', status: 413 });
  });

  it('415, or a 400 that blames the encoding, refuses gzip; without gzip 415 is dead', async () => {
    server.respond(415, {}, 'unsupported media type');
    server.respond(400, {}, 'unsupported Content-Encoding: gzip');
    server.respond(415, {}, 'unsupported media type');
    expect(await sendBatch(target(), batch)).toMatchObject({ kind: 'gzip-refused', status: 415 });
    expect(await sendBatch(target(), batch)).toMatchObject({ kind: 'gzip-refused', status: 400 });
    expect(await sendBatch(target(), batch, { gzip: false })).toMatchObject({ kind: 'dead', status: 415 });
  });

  it.each([400, 401, 403, 404, 422])('%i is dead, with the first 500 characters of the answer', async (status) => {
    server.respond(status, { 'content-type': 'text/plain' }, `bad line ${'x'.repeat(5000)}`);
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'dead', status });
    if (outcome.kind !== 'dead') return;
    expect(outcome.bodyExcerpt).toHaveLength(500);
    expect(outcome.bodyExcerpt.startsWith('bad line xxx')).toBe(true);
    expect(outcome.reason).toMatch(new RegExp(`^${status} `));
  });

  it('scrubs an echoed token from the excerpt', async () => {
    server.respond(401, {}, `invalid token "${TOKEN}"`);
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'dead', status: 401, bodyExcerpt: 'invalid token "***"' });
  });

  it('does not follow a redirect, and says where it pointed without credentials', async () => {
    server.respond(307, { location: 'http://user:pw@elsewhere.example/write?p=pw' }, 'moved');
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'dead', status: 307 });
    expect(outcome.kind === 'dead' && outcome.reason).toMatch(/redirects are not followed/);
    expect(JSON.stringify(outcome)).not.toMatch(/pw/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('sendBatch: network failures are retried', () => {
  it('a server that never answers times out after target.timeout', async () => {
    server.hold();
    const outcome = await sendBatch(target({ timeout: 1000 }), batch);
    expect(outcome).toEqual({ kind: 'retry', status: null, retryAfterMs: null, reason: 'timeout after 1000 ms' });
  });

  it('a closed port is ECONNREFUSED', async () => {
    const outcome = await sendBatch(target({ url: `http://127.0.0.1:${await freePort()}` }), batch);
    expect(outcome).toMatchObject({ kind: 'retry', status: null, reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('a reset socket is ECONNRESET', async () => {
    server.reset();
    const outcome = await sendBatch(target(), batch);
    expect(outcome).toMatchObject({ kind: 'retry', status: null, reason: expect.stringContaining('ECONNRESET') });
  });

  it("the caller's signal cancels, and the batch stays pending", async () => {
    server.hold();
    const controller = new AbortController();
    const pending = sendBatch(target(), batch, { signal: controller.signal });
    await server.waitForRequests(1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'retry', reason: 'cancelled before the server answered' });
  });

  it('a credential that cannot be a header is a retry whose reason does not quote it', async () => {
    const outcome = await sendBatch(target({ auth: { type: 'bearer', token: `${TOKEN}\nX-Evil: 1` } }), batch);
    expect(outcome).toMatchObject({ kind: 'retry', status: null });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(0);
  });

  it('no reason ever contains the token', async () => {
    server.respond(500).respond(401, {}, TOKEN).respond(429, { 'retry-after': '1' });
    const outcomes = [
      await sendBatch(target(), batch),
      await sendBatch(target(), batch),
      await sendBatch(target(), batch),
    ];
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });
});
