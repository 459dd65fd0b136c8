/**
 * The browser transport, for `dashlight run --serve`: methods are `POST /api/<method>` with a JSON
 * body answered by the IPC envelope (`{ ok, value }` or `{ ok: false, error }`), events arrive over
 * one `EventSource` on `/api/events`. The token travels in the HttpOnly cookie the server set when
 * the printed `?token=` URL was opened, so this module never sees it.
 *
 * `export` streams: the server answers with a ticket, the browser downloads the export from it as
 * it is produced (progress and the end come as events), and nothing is kept on the server; the
 * call resolves with the result once `exportDone` says so.
 *
 * @example
 * const client = createHttpClient();
 * const stop = client.on('sample', (s) => draw(s));
 * await client.history({ series: ['cpu.total'], from, to });
 */
import { EVENT_NAMES, type DashlightEvents, type EventName, type MethodInput } from '../../../shared/contract.js';
import type { ExportDone, ExportResult } from '../../../shared/export.js';
import { startDownload } from './browser-download.js';
import type { SampleSubscription } from '../../../shared/live-subscription.js';
import { ClientError } from './client-error.js';
import { methodsCalling, type ConnectionState, type DashlightClient } from './client-types.js';
import { Listeners } from './listeners.js';

export interface HttpClientOptions {
  /** Where the API lives; the page's own origin by default. */
  base?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Waits between reconnect attempts once the browser's own retry gave up (ms). */
  backoff?: readonly number[];
  /** Starts a browser download (a click on `<a download>`); tests pass their own. */
  download?: (url: string, fileName: string) => void;
}

/** What `POST /api/export` answers: where the browser downloads the export as it is made. */
interface ExportTicket {
  readonly id: string;
  readonly downloadUrl: string;
}

/** The IPC envelope, as the server sends it. */
interface WireEnvelope {
  ok?: boolean;
  value?: unknown;
  error?: unknown;
}

const DEFAULT_BACKOFF = [1000, 2000, 5000, 10_000];

export function createHttpClient(options: HttpClientOptions = {}): DashlightClient {
  const base = options.base ?? '/api/';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  const events = new Map<EventName, Listeners<[unknown]>>(EVENT_NAMES.map((name) => [name, new Listeners()]));
  const connection = new Listeners<[ConnectionState, boolean]>();
  let state: ConnectionState = 'connecting';
  let wasOpen = false;
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let closed = false;
  let subscription: SampleSubscription | null = null;

  /** The stream's URL: the subscription travels as `series` parameters, so a reconnect keeps it. */
  function eventsUrl(): string {
    const params = new URLSearchParams();
    for (const key of subscription?.series ?? []) params.append('series', key);
    const query = params.toString();
    return `${base}events${query ? `?${query}` : ''}`;
  }

  function setState(next: ConnectionState): void {
    const reconnected = next === 'open' && wasOpen;
    if (next === 'open') wasOpen = true;
    if (next === state && !reconnected) return;
    state = next;
    connection.emit(next, reconnected);
  }

  async function call(name: string, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${base}${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: input === undefined ? '' : JSON.stringify(input),
        credentials: 'same-origin',
      });
    } catch {
      throw new ClientError(
        'ConnectionError',
        `cannot reach the Dashlight server (${name}); is dashlight run --serve still running?`,
      );
    }
    if (response.status === 401) setState('unauthorized');
    let body: WireEnvelope | null = null;
    try {
      body = (await response.json()) as WireEnvelope | null;
    } catch {
      // Not JSON: a proxy's error page, or a server from another program on this port.
    }
    if (body?.ok === true) return body.value;
    if (body?.ok === false) throw ClientError.from(body.error);
    throw new ClientError('Error', `${name}: unexpected answer from the server (HTTP ${response.status})`);
  }

  function connect(): void {
    if (closed) return;
    source = new EventSourceImpl(eventsUrl(), { withCredentials: true });
    source.addEventListener('open', () => {
      attempt = 0;
      setState('open');
    });
    source.addEventListener('error', () => {
      if (closed) return;
      // CONNECTING: the browser retries by itself (server restarting). CLOSED: it gave up
      // (a 401, a 503), so find out why and try again later.
      if (source?.readyState === EventSourceImpl.CLOSED) {
        source = null;
        void diagnoseAndRetry();
      } else {
        setState('connecting');
      }
    });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        events.get(name)!.emit(payload);
      });
    }
  }

  async function diagnoseAndRetry(): Promise<void> {
    try {
      await call('status', undefined);
    } catch (error) {
      if ((error as ClientError).name === 'UnauthorizedError') {
        setState('unauthorized');
        return;
      }
    }
    if (state !== 'unauthorized') setState('connecting');
    const wait = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
    attempt += 1;
    retryTimer = setTimeout(connect, wait);
  }

  /** Asks for a ticket, starts the download, and resolves with the result `exportDone` brings. */
  async function exportStreamed(input: MethodInput<'export'>): Promise<ExportResult> {
    const ticket = (await call('export', input)) as ExportTicket;
    return new Promise((resolve, reject) => {
      const stop = events.get('exportDone')!.add((payload) => {
        const done = payload as ExportDone;
        if (done.id !== ticket.id) return;
        stop();
        if (done.ok) resolve(done.result);
        else reject(new ClientError(done.cancelled ? 'AbortError' : 'Error', done.error));
      });
      (options.download ?? startDownload)(ticket.downloadUrl, input.path);
    });
  }

  const methods = { ...methodsCalling(call), export: exportStreamed } as ReturnType<typeof methodsCalling>;
  connect();

  return {
    ...methods,
    transport: 'http',
    on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void) {
      return events.get(event)!.add(listener as (payload: unknown) => void);
    },
    subscribe(next: SampleSubscription) {
      if (subscription && subscription.series.join('\n') === next.series.join('\n')) return;
      subscription = next;
      // A new stream with the new parameters; the browser's EventSource cannot change its URL.
      if (source && !closed) {
        source.close();
        source = null;
        connect();
      }
    },
    onConnection: (listener) => connection.add(listener),
    get connection() {
      return state;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      source = null;
    },
  };
}
