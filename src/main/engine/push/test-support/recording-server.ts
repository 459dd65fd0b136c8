/**
 * A real HTTP server on 127.0.0.1 that records every request and answers from a script: queued
 * replies first (one per request, in order), then a handler, then 204. A reply can also hold the
 * response open until the test releases it (to kill a client mid-request), or reset the socket.
 *
 * @example
 * const server = await startRecordingServer();
 * server.respond(503, { 'retry-after': '2' }).hold().reset(); // 1st: 503, 2nd: held, 3rd: RST
 * server.handle((req) => ({ status: req.decodedBody?.length ? 204 : 400 })); // everything after
 * // … point the client at server.url …
 * await server.waitForRequests(2); // the 2nd is now held
 * server.release(204); // answers every held request
 * server.requests[0].headers['idempotency-key'];
 * await server.close();
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { Arrivals } from './arrivals.js';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/write?db=x&precision=ms`. */
  readonly url: string;
  /** Lower-case names, as node:http gives them. */
  readonly headers: IncomingHttpHeaders;
  /** The bytes on the wire. */
  readonly body: Buffer;
  /** The body gunzipped when `content-encoding: gzip`, else the body; null if it does not gunzip. */
  readonly decodedBody: Buffer | null;
  /** Epoch ms, from the monotonic clock (immune to wall-clock steps), when the headers arrived. */
  readonly at: number;
  /** When the connection closed before an answer (client gave up, or a `reset`), else null. */
  readonly abandonedAt: number | null;
}

export type Reply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string | Buffer }
  | 'hold'
  | 'reset';
export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests held and still open. */
  readonly heldCount: number;
  /** Queues a reply for the next unanswered request. Chainable. */
  respond(status: number, headers?: Readonly<Record<string, string>>, body?: string | Buffer): RecordingServer;
  /** Queues a hold: the response stays open until `release()` (or `close()`). */
  hold(): RecordingServer;
  /** Queues a reset: the socket is destroyed with a TCP RST (the client sees ECONNRESET). */
  reset(): RecordingServer;
  /** Answers requests once the queue is empty. */
  handle(handler: Handler): RecordingServer;
  /** Answers every held request that is still open; returns how many were answered. */
  release(status?: number, headers?: Readonly<Record<string, string>>, body?: string | Buffer): number;
  /** Resolves once `count` requests have arrived in total; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly RecordedRequest[]>;
  close(): Promise<void>;
}

/** Epoch ms from the monotonic clock: differences between two readings are real elapsed time. */
export const monotonicNow = (): number => performance.timeOrigin + performance.now();

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that gives up mid-body: 'close' without 'end' (after 'end', reject is a no-op).
    req.on('close', () => reject(new Error('the client closed the request before its end')));
  });
}

export function decode(headers: IncomingHttpHeaders, body: Buffer): Buffer | null {
  if (!/\bgzip\b/i.test(headers['content-encoding'] ?? '')) return body;
  try {
    return gunzipSync(body);
  } catch {
    return null;
  }
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const arrivals = new Arrivals<RecordedRequest & { abandonedAt: number | null }>();
  const requests = arrivals.items;
  const script: Reply[] = [];
  const held = new Set<ServerResponse>();
  let handler: Handler = () => ({ status: 204 });

  const send = (
    res: ServerResponse,
    status: number,
    headers?: Readonly<Record<string, string>>,
    body?: string | Buffer,
  ) => {
    res.writeHead(status, headers).end(body);
  };

  const server = createServer((req, res) => {
    const at = monotonicNow();
    void (async () => {
      const body = await readBody(req);
      const decodedBody = decode(req.headers, body);
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, decodedBody, at };
      const recorded = { ...record, abandonedAt: null as number | null };
      // 'close' on the response fires after it was sent, or when the connection went away first.
      res.on('close', () => {
        held.delete(res);
        if (!res.writableFinished) recorded.abandonedAt ??= monotonicNow();
      });
      arrivals.add(recorded);
      const reply = script.shift() ?? (await handler(recorded));
      if (reply === 'hold') held.add(res);
      else if (reply === 'reset') req.socket.resetAndDestroy();
      else send(res, reply.status, reply.headers, reply.body);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const self: RecordingServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get heldCount() {
      return held.size;
    },
    respond(status, headers, body) {
      script.push({ status, headers, body });
      return self;
    },
    hold() {
      script.push('hold');
      return self;
    },
    reset() {
      script.push('reset');
      return self;
    },
    handle(next) {
      handler = next;
      return self;
    },
    release(status = 200, headers, body) {
      const open = [...held].filter((res) => !res.destroyed);
      held.clear();
      for (const res of open) send(res, status, headers, body);
      return open.length;
    },
    waitForRequests: (count, timeoutMs) => arrivals.waitFor(count, timeoutMs),
    async close() {
      for (const res of held) res.destroy();
      held.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return self;
}
