/**
 * `GET /api/events`: the engine's event streams as Server-Sent Events, one `event: <name>` per
 * engine event. The hub subscribes to the engine while at least one client listens, serializes
 * each event once for all of them, and drops a client whose socket falls behind by over 1 MiB
 * (a stalled tab): EventSource reconnects on its own and catches up with `latest`/`history`.
 *
 * A client may subscribe to some series only (src/shared/live-subscription.ts), as `series`
 * parameters: `GET /api/events?series=cpu.total&series=cpu.core`. Its sample events then carry
 * just those; each distinct subscription is serialized once per sample. EventSource reconnects to
 * the same URL, so the subscription survives a server restart.
 *
 * @example
 * const hub = new EventHub(engine, { log });
 * hub.attach(req, res); // the response stays open until the client leaves or hub.close()
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, type EventName } from '../../shared/contract.js';
import type { DashlightSubscribe } from '../../shared/ipc-channels.js';
import { narrowSample, parseSubscription, type SampleSubscription } from '../../shared/live-subscription.js';
import type { Sample } from '../../shared/sample.js';
import { sendFailure } from './http-replies.js';
import { httpErrorFor } from './http-errors.js';
import type { ServerLog } from './server-log.js';

export const MAX_CLIENT_BUFFER_BYTES = 1024 * 1024;
const KEEPALIVE_MS = 15_000;
const RETRY_MS = 2000;

export interface EventHubOptions {
  log: ServerLog;
  /** Comment lines keep proxies and idle timeouts from closing a quiet stream. */
  keepaliveMs?: number;
  maxBufferBytes?: number;
}

export class EventHub {
  /** Every open stream, with the series its samples carry (null: all). */
  private readonly clients = new Map<ServerResponse, SampleSubscription | null>();
  private unsubscribes: (() => void)[] = [];
  private keepalive: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly source: { on: DashlightSubscribe },
    private readonly options: EventHubOptions,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    if (this.closed) {
      res.writeHead(503, { 'Content-Length': '0', 'Cache-Control': 'no-store' }).end();
      return;
    }
    let subscription: SampleSubscription | null = null;
    const series = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('series');
    if (series.length > 0) {
      try {
        subscription = parseSubscription({ series });
      } catch (error) {
        const { status, error: failure } = httpErrorFor(error);
        sendFailure(res, status, failure, { 'Cache-Control': 'no-store' });
        return;
      }
    }
    // The request is complete; the response may last for days. No socket timeout applies to it.
    req.socket.setTimeout(0);
    req.socket.setKeepAlive(true, 60_000);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.clients.set(res, subscription);
    res.on('close', () => this.detach(res));
    if (this.clients.size === 1) this.subscribe();
  }

  /** Ends every stream and unsubscribes; later clients get 503. */
  close(): void {
    this.closed = true;
    for (const res of [...this.clients.keys()]) res.end();
    this.clients.clear();
    this.unsubscribe();
  }

  private detach(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    if (this.clients.size === 0) this.unsubscribe();
  }

  private subscribe(): void {
    this.unsubscribes = EVENT_NAMES.map((name) => this.source.on(name, (payload) => this.publish(name, payload)));
    this.keepalive = setInterval(() => this.broadcast(': keepalive\n\n'), this.options.keepaliveMs ?? KEEPALIVE_MS);
    this.keepalive.unref();
  }

  private unsubscribe(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
  }

  private publish(name: EventName, payload: unknown): void {
    // One text per distinct subscription (null: the whole event), made when a client needs it.
    const texts = new Map<string, string | null>();
    const textFor = (subscription: SampleSubscription | null): string | null => {
      const key = name === 'sample' && subscription ? subscription.series.join('\n') : '';
      let text = texts.get(key);
      if (text === undefined) {
        const narrowed = key === '' ? payload : narrowSample(payload as Sample, subscription);
        text = this.serialize(name, narrowed);
        texts.set(key, text);
      }
      return text;
    };
    this.broadcast((subscription) => textFor(subscription));
  }

  /** The event as SSE text, or null (logged) when it cannot be serialized. */
  private serialize(name: EventName, payload: unknown): string | null {
    try {
      // JSON.stringify escapes newlines inside strings, so one `data:` line always suffices.
      return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    } catch (err) {
      // Thrown into the engine's emitter, this would break its other listeners.
      this.options.log.warn({ event: name, err }, 'could not serialize an event for the web dashboard');
      return null;
    }
  }

  private broadcast(textFor: string | ((subscription: SampleSubscription | null) => string | null)): void {
    const limit = this.options.maxBufferBytes ?? MAX_CLIENT_BUFFER_BYTES;
    for (const [res, subscription] of this.clients) {
      if (res.destroyed || res.writableEnded) continue;
      const text = typeof textFor === 'string' ? textFor : textFor(subscription);
      if (text === null) continue;
      res.write(text);
      if (res.writableLength > limit) {
        this.options.log.warn({ buffered: res.writableLength }, 'dropped a web dashboard that stopped reading events');
        res.destroy();
      }
    }
  }
}
