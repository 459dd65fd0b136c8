import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../shared/contract.js';
import type { Sample } from '../../shared/sample.js';
import { EventHub } from './event-stream.js';
import { bearer, eventually, fakeEngine, openEvents, request, startTestServer, testLog } from './test-support.js';

const sample = { ts: 1_700_000_000_000, values: { 'cpu.total': 12.5 } } as unknown as Sample;

describe('GET /api/events', () => {
  it('streams engine events as SSE, and unsubscribes when the client leaves', async () => {
    const { server, engine } = await startTestServer();
    expect(engine.listenerCount()).toBe(0);
    const events = await openEvents(server);
    expect(events.response.statusCode).toBe(200);
    expect(events.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(events.response.headers['cache-control']).toBe('no-store');
    expect(events.response.headers['content-security-policy']).toBeDefined();
    await events.until(/^retry: 2000\n\n/);
    expect(engine.listenerCount()).toBe(EVENT_NAMES.length);
    engine.emit('sample', sample);
    engine.emit('status', { state: 'paused' } as never);
    const text = await events.until(/event: status\n/);
    expect(text).toContain(`event: sample\ndata: ${JSON.stringify(sample)}\n\n`);
    expect(text).toContain('event: status\ndata: {"state":"paused"}\n\n');
    events.close();
    await eventually(() => engine.listenerCount() === 0);
  });

  it('shares one subscription among clients, and ends every stream on close', async () => {
    const { server, engine } = await startTestServer();
    const [a, b] = await Promise.all([openEvents(server), openEvents(server)]);
    await Promise.all([a.until(/retry/), b.until(/retry/)]);
    expect(engine.listenerCount()).toBe(EVENT_NAMES.length);
    engine.emit('sample', sample);
    await Promise.all([a.until(/event: sample/), b.until(/event: sample/)]);
    const ended = Promise.all([a, b].map((e) => new Promise((resolve) => e.response.on('close', resolve))));
    await server.close();
    await ended;
    expect(engine.listenerCount()).toBe(0);
  });

  it('sends a subscribed client only its series, once serialized per subscription, and refuses an unknown one', async () => {
    const { server, engine } = await startTestServer();
    const wide = { ts: 1, values: { 'cpu.total': 5, 'cpu.core[0]': 7, 'net.rx[cali0]': 9 } };
    const all = await openEvents(server);
    const some = await openEvents(server, '/api/events?series=cpu.total&series=cpu.core');
    await Promise.all([all.until(/retry/), some.until(/retry/)]);
    engine.emit('sample', wide as unknown as Sample);
    engine.emit('status', { state: 'paused' } as never);
    await Promise.all([all.until(/event: status/), some.until(/event: status/)]);
    expect(all.text()).toContain(`event: sample\ndata: ${JSON.stringify(wide)}\n\n`);
    expect(some.text()).toContain('event: sample\ndata: {"ts":1,"values":{"cpu.total":5,"cpu.core[0]":7}}\n\n');
    expect(some.text()).toContain('event: status\ndata: {"state":"paused"}\n\n');
    const bad = await request(server.port, '/api/events?series=cpu.total&series=no.such', { headers: bearer(server) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      ok: false,
      error: {
        name: 'InputError',
        message: 'invalid input to subscribe: series.1: unknown series: see the metric list in the README',
        issues: [{ path: 'series.1', message: 'unknown series: see the metric list in the README' }],
      },
    });
    all.close();
    some.close();
  });

  it('sends keep-alive comments', async () => {
    const { server } = await startTestServer({ keepaliveMs: 20 });
    const events = await openEvents(server);
    await events.until(/: keepalive\n\n/);
    events.close();
  });

  it('drops a client that stops reading once over 1 MiB is stuck in its socket', async () => {
    const { server, engine, log } = await startTestServer();
    const slow = await openEvents(server);
    await slow.until(/retry/);
    slow.response.pause(); // reads nothing more: the kernel buffers fill, then the server's
    const big = { ...sample, values: { 'cpu.total': 1 }, pad: 'x'.repeat(256 * 1024) } as unknown as Sample;
    for (let i = 0; i < 400 && engine.listenerCount() > 0; i++) {
      engine.emit('sample', big);
      await new Promise((r) => setImmediate(r));
    }
    await eventually(() => engine.listenerCount() === 0);
    slow.close();
    expect(log.warn).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('stopped reading'));
  });

  it('needs the token', async () => {
    const { server, engine } = await startTestServer();
    expect((await request(server.port, '/api/events')).status).toBe(401);
    expect(engine.listenerCount()).toBe(0);
  });
});

describe('EventHub', () => {
  it('drops a client whose socket buffer passes the limit, keeping the others', () => {
    const engine = fakeEngine();
    const log = testLog();
    const hub = new EventHub(engine, { log, maxBufferBytes: 1000 });
    const slow = fakeResponse(5000);
    const fast = fakeResponse(0);
    hub.attach(fakeRequest(), slow.res);
    hub.attach(fakeRequest(), fast.res);
    engine.emit('sample', sample);
    expect(slow.destroyed()).toBe(true);
    expect(fast.destroyed()).toBe(false);
    expect(fast.written()).toContain('event: sample');
    expect(log.warn).toHaveBeenCalledWith(expect.anything(), expect.stringContaining('stopped reading'));
    hub.close();
    expect(engine.listenerCount()).toBe(0);
  });

  it('skips (and logs) a payload that cannot be serialized, without throwing into the engine', () => {
    const engine = fakeEngine();
    const log = testLog();
    const hub = new EventHub(engine, { log });
    const client = fakeResponse(0);
    hub.attach(fakeRequest(), client.res);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => engine.emit('status', circular as never)).not.toThrow();
    expect(client.written()).not.toContain('event: status');
    expect(log.warn).toHaveBeenCalled();
    hub.close();
  });
});

function fakeRequest(): IncomingMessage {
  return { socket: { setTimeout: () => {}, setKeepAlive: () => {} } } as unknown as IncomingMessage;
}

/** A response whose socket never drains: `writableLength` is what is "stuck" in it plus what was written. */
function fakeResponse(stuck: number) {
  let text = '';
  let destroyed = false;
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableEnded: false,
    writeHead: () => res,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    end: () => res,
    destroy: () => {
      destroyed = true;
      res.emit('close');
      return res;
    },
  });
  Object.defineProperty(res, 'writableLength', { get: () => (stuck === 0 ? 0 : stuck + text.length) });
  return { res: res as unknown as ServerResponse, written: () => text, destroyed: () => destroyed };
}
