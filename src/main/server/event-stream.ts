/**
 * `GET /api/events`: the engine's event streams as Server-Sent Events, one `event: <name>` per
 * engine event. The hub subscribes to the engine while at least one client listens, serializes
 * each event once for all of them, and drops a client whose socket falls behind by over 1 MiB
 * (a stalled tab): EventSource reconnects on its own and catches up with `latest`/`history`.
 *
 * @example
 * const hub = new EventHub(engine, { log });
 * hub.attach(req, res); // the response stays open until the client leaves or hub.close()
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, type EventName } from '../../shared/contract.js';
import type { DashlightSubscribe } from '../../shared/ipc-channels.js';
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
  private readonly clients = new Set<ServerResponse>();
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
    // The request is complete; the response may last for days. No socket timeout applies to it.
    req.socket.setTimeout(0);
    req.socket.setKeepAlive(true, 60_000);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.detach(res));
    if (this.clients.size === 1) this.subscribe();
  }

  /** Ends every stream and unsubscribes; later clients get 503. */
  close(): void {
    this.closed = true;
    for (const res of [...this.clients]) res.end();
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
    let data: string;
    try {
      // JSON.stringify escapes newlines inside strings, so one `data:` line always suffices.
      data = JSON.stringify(payload);
    } catch (err) {
      // Thrown into the engine's emitter, this would break its other listeners.
      this.options.log.warn({ event: name, err }, 'could not serialize an event for the web dashboard');
      return;
    }
    this.broadcast(`event: ${name}\ndata: ${data}\n\n`);
  }

  private broadcast(text: string): void {
    const limit = this.options.maxBufferBytes ?? MAX_CLIENT_BUFFER_BYTES;
    for (const res of this.clients) {
      if (res.destroyed || res.writableEnded) continue;
      res.write(text);
      if (res.writableLength > limit) {
        this.options.log.warn({ buffered: res.writableLength }, 'dropped a web dashboard that stopped reading events');
        res.destroy();
      }
    }
  }
}
