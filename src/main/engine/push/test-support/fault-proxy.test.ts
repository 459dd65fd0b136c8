import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../test-support/test-clock.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { freePort } from './free-port.js';
import { startRecordingServer, type RecordingServer } from './recording-server.js';

let upstream: RecordingServer;
let proxy: FaultProxy | undefined;
beforeEach(async () => {
  upstream = await startRecordingServer();
  upstream.handle((request) => ({ status: 204, headers: { 'x-upstream': request.url } }));
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await upstream.close();
});

const send = (url: string, body = 'line 1', timeoutMs = 10_000) =>
  fetch(`${url}/write?db=x&precision=ms`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain', 'idempotency-key': 'b1' },
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (response) => ({ status: response.status, body: await response.text(), headers: response.headers }),
    (error: Error & { cause?: { code?: string } }) => ({
      status: null,
      body: error.cause?.code ?? error.name,
      headers: null,
    }),
  );

describe('fault proxy', () => {
  it('plays the script in order, then passes everything through', async () => {
    proxy = await startFaultProxy(upstream.url, ['500', 503, { status: 429, retryAfter: 2 }, 'hang', 'reset']);
    proxy.script({ slow: 200 }, 'pass');
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await send(proxy.url, `line ${i}`, 1000));
    expect(results.map((r) => r.status)).toEqual([500, 503, 429, null, null, 204, 204, 204]);
    expect(results[2]?.headers?.get('retry-after')).toBe('2');
    expect(results[3]?.body).toBe('TimeoutError');
    expect(results[4]?.body).toBe('ECONNRESET');
    expect(proxy.requests.map((r) => r.fault)).toEqual([
      '500',
      '503',
      '429',
      'hang',
      'reset',
      'slow 200',
      'pass',
      'pass',
    ]);
    expect(proxy.requests.map((r) => r.body.toString())).toEqual(Array.from({ length: 8 }, (_, i) => `line ${i}`));
    expect(proxy.requests[3]?.abandonedAt).not.toBeNull();
    expect(proxy.pendingFaults).toBe(0);
    // Only 'slow' and 'pass' reach the upstream.
    expect(upstream.requests.map((r) => r.body.toString())).toEqual(['line 5', 'line 6', 'line 7']);
  });

  it('forwards method, path, query, headers and body, and relays the answer', async () => {
    proxy = await startFaultProxy(upstream.url);
    const result = await send(proxy.url, 'cpu=1');
    expect(result.status).toBe(204);
    expect(result.headers?.get('x-upstream')).toBe('/write?db=x&precision=ms');
    const [forwarded] = upstream.requests;
    expect(forwarded).toMatchObject({ method: 'POST', url: '/write?db=x&precision=ms' });
    expect(forwarded?.headers).toMatchObject({ 'content-type': 'text/plain', 'idempotency-key': 'b1' });
    expect(forwarded?.body.toString()).toBe('cpu=1');
    expect(proxy.requests[0]).toMatchObject({ status: 204, upstreamStatus: 204, error: null });
  });

  it('records Retry-After so a test can check that nobody came back early', async () => {
    const clock = new TestClock(Date.UTC(2026, 10, 23, 9));
    proxy = await startFaultProxy(
      upstream.url,
      [
        { status: 429, retryAfter: 1 },
        { status: 503, retryAfter: 1 },
      ],
      clock,
    );
    await send(proxy.url); // 429, Retry-After: 1
    clock.advance(1_000); // a polite client waits it out
    await send(proxy.url); // 503, Retry-After: 1
    await send(proxy.url); // an impatient client comes straight back
    expect(proxy.requests.map((r) => r.retryAfterMs)).toEqual([1000, 1000, null]);
    expect(proxy.requests.every((r) => r.answeredAt !== null && r.answeredAt >= r.at)).toBe(true);
    expect(proxy.retryAfterViolations()).toEqual([proxy.requests[2]]);
  });

  it('answers 502 when the upstream is down, saying why', async () => {
    proxy = await startFaultProxy(`http://127.0.0.1:${await freePort()}`);
    const result = await send(proxy.url);
    expect(result.status).toBe(502);
    expect(result.body).toMatch(/ECONNREFUSED/);
    expect(proxy.requests[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('rejects an unknown fault when it is scripted', async () => {
    await expect(startFaultProxy(upstream.url, ['hnag' as never])).rejects.toThrow(/unknown fault "hnag"/);
  });
});
