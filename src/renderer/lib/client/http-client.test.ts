import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from './client-error.js';
import { createHttpClient } from './http-client.js';

/** A hand-written EventSource: the test opens, fails and feeds it. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;

  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    super();
    FakeEventSource.instances.push(this);
  }

  open() {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  fail(readyState: number) {
    this.readyState = readyState;
    this.dispatchEvent(new Event('error'));
  }

  send(event: string, data: string) {
    this.dispatchEvent(new MessageEvent(event, { data }));
  }

  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function client(fetchImpl: typeof fetch) {
  return createHttpClient({
    fetch: fetchImpl,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    backoff: [10],
  });
}

afterEach(() => {
  FakeEventSource.instances = [];
  vi.useRealTimers();
});

describe('createHttpClient', () => {
  it('posts JSON to /api/<method> and unwraps the envelope', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: true, value: { page: 2 } }));
    const api = client(fetchImpl as unknown as typeof fetch);
    expect(await api.list({ page: 2 })).toEqual({ page: 2 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/list');
    expect(init).toMatchObject({ method: 'POST', body: '{"page":2}', credentials: 'same-origin' });
    // The server refuses anything but JSON, even a body-less call.
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    await api.status();
    expect((fetchImpl.mock.calls[1] as unknown as [string, RequestInit])[1].body).toBe('');
    api.close();
  });

  it('turns an error envelope into a ClientError with its issues', async () => {
    const issues = [{ path: 'warning', message: 'must be at most the critical threshold (80)' }];
    const api = client((async () =>
      jsonResponse(400, { ok: false, error: { name: 'InputError', message: 'invalid', issues } })) as typeof fetch);
    const error = await api.saveRule({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ name: 'InputError', message: 'invalid' });
    expect((error as ClientError).issueMap()).toEqual({ warning: issues[0]!.message });
    api.close();
  });

  it('names an unreachable server and a non-JSON answer', async () => {
    const down = client((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(down.status()).rejects.toMatchObject({ name: 'ConnectionError', message: /dashlight run --serve/ });
    down.close();
    const proxy = client((async () => new Response('<html>Bad gateway</html>', { status: 502 })) as typeof fetch);
    await expect(proxy.status()).rejects.toMatchObject({
      message: 'status: unexpected answer from the server (HTTP 502)',
    });
    proxy.close();
  });

  it('delivers SSE events to listeners by name, and skips malformed data', () => {
    const api = client((async () => jsonResponse(200, { ok: true, value: null })) as typeof fetch);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events');
    const samples: unknown[] = [];
    const stop = api.on('sample', (s) => samples.push(s));
    source.send('sample', '{"ts":1,"values":{"cpu.total":5}}');
    source.send('sample', 'not json');
    source.send('status', '{"state":"paused"}');
    stop();
    source.send('sample', '{"ts":2,"values":{}}');
    expect(samples).toEqual([{ ts: 1, values: { 'cpu.total': 5 } }]);
    api.close();
    expect(source.closed).toBe(true);
  });

  it('subscribes by reopening the stream with series parameters, and only when the series change', () => {
    const api = client((async () => jsonResponse(200, { ok: true, value: null })) as typeof fetch);
    api.subscribe({ series: ['cpu.total', 'fs.used_pct[/mnt/a&b]'] });
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
    expect(FakeEventSource.instances[1]!.url).toBe(
      '/api/events?series=cpu.total&series=fs.used_pct%5B%2Fmnt%2Fa%26b%5D',
    );
    api.subscribe({ series: ['cpu.total', 'fs.used_pct[/mnt/a&b]'] });
    expect(FakeEventSource.instances).toHaveLength(2);
    const samples: unknown[] = [];
    api.on('sample', (s) => samples.push(s));
    FakeEventSource.instances[1]!.send('sample', '{"ts":1,"values":{"cpu.total":5}}');
    expect(samples).toEqual([{ ts: 1, values: { 'cpu.total': 5 } }]);
    api.close();
  });

  it('reports a drop, reconnects after the browser gives up, and says it reconnected', async () => {
    vi.useFakeTimers();
    const api = client((async () => jsonResponse(200, { ok: true, value: {} })) as typeof fetch);
    const states: [string, boolean][] = [];
    api.onConnection((state, reconnected) => states.push([state, reconnected]));
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.fail(FakeEventSource.CONNECTING);
    FakeEventSource.instances[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(20);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]!.open();
    expect(states).toEqual([
      ['open', false],
      ['connecting', false],
      ['open', true],
    ]);
    expect(api.connection).toBe('open');
    api.close();
  });

  it('stops retrying and says so when the token is refused', async () => {
    vi.useFakeTimers();
    const api = client((async () =>
      jsonResponse(401, {
        ok: false,
        error: { name: 'UnauthorizedError', message: 'missing or wrong token' },
      })) as typeof fetch);
    FakeEventSource.instances[0]!.fail(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(50);
    expect(api.connection).toBe('unauthorized');
    expect(FakeEventSource.instances).toHaveLength(1);
    api.close();
  });
});

describe('createHttpClient: exports stream to the browser', () => {
  const input = { id: 'exp-1', format: 'csv', from: 0, to: 1000, path: 'day.csv' } as const;
  const result = {
    ...{ id: 'exp-1', path: 'day.csv', format: 'csv', resolution: 'raw', from: 0, to: 1000 },
    ...{ rows: 3, bytes: 90, columns: ['ts'] },
  };

  function exporting() {
    const downloads: [string, string][] = [];
    const api = createHttpClient({
      fetch: (async () =>
        jsonResponse(200, {
          ok: true,
          value: { id: 'exp-1', downloadUrl: '/api/download/exp-1', streamed: true },
        })) as typeof fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
      download: (url, name) => downloads.push([url, name]),
    });
    return { api, downloads, events: FakeEventSource.instances[0]! };
  }

  it('downloads from the ticket at once, and resolves with what exportDone says', async () => {
    const { api, downloads, events } = exporting();
    const pending = api.export(input);
    await vi.waitFor(() => expect(downloads).toEqual([['/api/download/exp-1', 'day.csv']]));
    events.send('exportDone', JSON.stringify({ id: 'someone-else', ok: true, result: { ...result, id: 'x' } }));
    events.send('exportDone', JSON.stringify({ id: 'exp-1', ok: true, result }));
    await expect(pending).resolves.toEqual(result);
    api.close();
  });

  it('rejects with AbortError when the export is cancelled (Cancel, or the browser stopped the download)', async () => {
    const { api, downloads, events } = exporting();
    const pending = api.export(input);
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    events.send('exportDone', JSON.stringify({ id: 'exp-1', ok: false, cancelled: true, error: 'cancelled' }));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'cancelled' });
    api.close();
  });
});
