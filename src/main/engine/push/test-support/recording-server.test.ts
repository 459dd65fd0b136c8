import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from './recording-server.js';

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
});

const post = (body: string | Buffer, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${server.url}/write?db=x`, { method: 'POST', body, headers, signal });

describe('recording server', () => {
  it('records method, URL, headers, raw and gunzipped body, and arrival time', async () => {
    const before = Date.now();
    const response = await post(gzipSync('hello'), { 'content-encoding': 'gzip', 'x-test': '1' });
    expect(response.status).toBe(204);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/write?db=x', abandonedAt: null });
    expect(request?.headers['x-test']).toBe('1');
    expect(request?.body.equals(gzipSync('hello'))).toBe(true);
    expect(request?.decodedBody?.toString()).toBe('hello');
    // Monotonic and wall clock may differ by a few ms; the arrival is "now", not 1970.
    expect(Math.abs((request?.at ?? 0) - before)).toBeLessThan(60_000);
  });

  it('marks a gzip header over a body that does not gunzip', async () => {
    await post('not gzip', { 'content-encoding': 'gzip' });
    expect(server.requests[0]?.decodedBody).toBeNull();
  });

  it('answers from the script in order, then from the handler', async () => {
    server.respond(503, { 'retry-after': '2' }, 'later').respond(201);
    server.handle((request) => ({ status: 202, body: `got ${request.decodedBody?.length}` }));
    const first = await post('a');
    expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([503, '2', 'later']);
    expect((await post('b')).status).toBe(201);
    const third = await post('abc');
    expect([third.status, await third.text()]).toEqual([202, 'got 3']);
  });

  it('holds a response until released', async () => {
    server.hold();
    const pending = post('x');
    await server.waitForRequests(1);
    expect(server.heldCount).toBe(1);
    expect(server.release(200, {}, 'now')).toBe(1);
    const response = await pending;
    expect([response.status, await response.text()]).toEqual([200, 'now']);
    expect(server.heldCount).toBe(0);
  });

  it('resets the socket (the client sees ECONNRESET)', async () => {
    server.reset();
    const error = await post('x').catch((e: unknown) => e);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
    expect(server.requests).toHaveLength(1);
  });

  it('notices a client killed (SIGKILL) while its response is held', async () => {
    server.hold();
    const script = `fetch(${JSON.stringify(server.url)}, { method: 'POST', body: 'from child' })`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await server.waitForRequests(1);
    child.kill('SIGKILL');
    await exited;
    await expect.poll(() => server.requests[0]?.abandonedAt).not.toBeNull();
    expect(server.requests[0]?.decodedBody?.toString()).toBe('from child');
    expect(server.release(200)).toBe(0);
  });

  it('says how many requests came when a wait times out', async () => {
    await expect(server.waitForRequests(1, 50)).rejects.toThrow('expected 1 requests within 50 ms, got 0');
  });
});
