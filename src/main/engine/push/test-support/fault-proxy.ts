/**
 * An HTTP proxy on 127.0.0.1 that plays a scripted fault per request, in order, then passes
 * everything through to the upstream (same method, path, query, headers and body; the upstream's
 * status, headers and body come back). It records each request, so a test can count attempts and
 * check that the client waited out every Retry-After.
 *
 * Faults: `'500'` (or `500`) answers that status; `{ status: 429, retryAfter: 2 }` adds
 * `Retry-After: 2`; `'hang'` never answers (until the client gives up or the proxy closes);
 * `'reset'` destroys the socket with a TCP RST; `{ slow: 1500 }` waits, then forwards (even if the
 * client gave up meanwhile, like a slow server that still commits); `'pass'` forwards.
 *
 * @example
 * const proxy = await startFaultProxy(vm.url, ['500', { status: 429, retryAfter: 2 }, 'hang', 'reset', { slow: 1500 }]);
 * // … push through proxy.url …
 * proxy.requests.map((r) => r.fault); // ['500', '429', 'hang', 'reset', 'slow 1500', 'pass', …]
 * proxy.otherwise(() => (clock.wall() < recovery ? '503' : 'pass')); // then: an outage until `recovery`
 * expect(proxy.retryAfterViolations()).toEqual([]);
 * await proxy.close();
 */
import { request as httpRequest, createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Arrivals } from './arrivals.js';
import { parseFault, type Fault } from './fault-script.js';
import { systemClock, type Clock } from '../../schedule/clock.js';
import { monotonicNow, readBody } from './recording-server.js';

export type { Fault } from './fault-script.js';

export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as received (still gzipped if it was). */
  readonly body: Buffer;
  /** Epoch ms on the monotonic clock (see recording-server.ts) when the headers arrived. */
  readonly at: number;
  /** `'pass'`, `'hang'`, `'reset'`, `'slow 1500'`, or the status such as `'429'`. */
  readonly fault: string;
  /** The Retry-After this answer carried, in ms (an HTTP-date is measured from `answeredAt`). */
  readonly retryAfterMs: number | null;
  /** When the answer (fault or relayed) was written, else null. */
  readonly answeredAt: number | null;
  /** The status the client got (null for hang, reset, or a client that left first). */
  readonly status: number | null;
  readonly upstreamStatus: number | null;
  /** When the client closed the connection before an answer. */
  readonly abandonedAt: number | null;
  /** Why forwarding failed (the client then got 502). */
  readonly error: string | null;
}

export interface FaultProxy {
  readonly url: string;
  readonly requests: readonly ProxiedRequest[];
  /** Faults not yet played. */
  readonly pendingFaults: number;
  /** Appends faults to the script. Chainable. */
  script(...faults: Fault[]): FaultProxy;
  /**
   * What to play once the script is played out ('pass' by default), decided when each request
   * arrives: an outage that ends at a time the test chose. Chainable.
   */
  otherwise(decide: () => Fault): FaultProxy;
  /**
   * Requests that arrived before the previous answer's Retry-After had expired (for one client
   * sending one request at a time). `toleranceMs` allows for timers that fire up to 1 ms early
   * (libuv's loop clock has 1 ms steps).
   */
  retryAfterViolations(toleranceMs?: number): ProxiedRequest[];
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly ProxiedRequest[]>;
  close(): Promise<void>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Headers that describe one connection, not the message, so a proxy must not copy them. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);
const endToEnd = (headers: IncomingHttpHeaders): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

function forward(
  upstream: URL,
  record: ProxiedRequest,
): Promise<{ status: number; headers: OutgoingHttpHeaders; body: Buffer }> {
  const prefix = upstream.pathname.replace(/\/$/, '');
  return new Promise((resolve, reject) => {
    const headers = { ...endToEnd(record.headers), 'content-length': record.body.length };
    // agent: false, so close() leaves no pooled upstream socket behind.
    const outgoing = httpRequest(
      new URL(prefix + record.url, upstream),
      { method: record.method, headers, agent: false },
      (response) => {
        readBody(response).then(
          (body) => resolve({ status: response.statusCode ?? 502, headers: endToEnd(response.headers), body }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(record.body);
  });
}

export async function startFaultProxy(
  upstream: string,
  faults: readonly Fault[] = [],
  /** When requests arrive and are answered; a test that must not sleep passes its own. */
  clock: Clock = { wall: () => systemClock.wall(), mono: monotonicNow },
): Promise<FaultProxy> {
  const base = new URL(upstream);
  const queue = faults.map(parseFault);
  let otherwise: () => Fault = () => 'pass';
  const arrivals = new Arrivals<Mutable<ProxiedRequest>>();
  const requests = arrivals.items;

  const server = createServer((req, res) => {
    const at = clock.mono();
    void (async () => {
      const body = await readBody(req);
      const step = queue.shift() ?? parseFault(otherwise());
      const record: Mutable<ProxiedRequest> = {
        ...{ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, at, fault: step.label },
        ...{ retryAfterMs: null, answeredAt: null, status: null, upstreamStatus: null, abandonedAt: null, error: null },
      };
      res.on('close', () => {
        if (!res.writableFinished) record.abandonedAt ??= clock.mono();
      });
      arrivals.add(record);
      const answer = (status: number, headers: OutgoingHttpHeaders, payload: string | Buffer): void => {
        if (res.destroyed) return;
        res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(payload) }).end(payload);
        record.status = status;
        record.answeredAt = clock.mono();
      };

      if (step.kind === 'hang') return; // Closed by the client, or by close().
      if (step.kind === 'reset') return req.socket.resetAndDestroy();
      if (step.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'text/plain', ...step.headers };
        if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
        answer(step.status, headers, step.body);
        if (typeof step.retryAfter === 'number') record.retryAfterMs = step.retryAfter * 1000;
        if (typeof step.retryAfter === 'string')
          record.retryAfterMs = Math.max(0, Date.parse(step.retryAfter) - clock.wall());
        return;
      }
      if (step.kind === 'slow') await sleep(step.ms);
      try {
        const relayed = await forward(base, record);
        record.upstreamStatus = relayed.status;
        answer(relayed.status, relayed.headers, relayed.body);
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
        answer(502, { 'content-type': 'text/plain' }, `fault-proxy: upstream failed: ${record.error}`);
      }
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const self: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pendingFaults() {
      return queue.length;
    },
    script(...more) {
      queue.push(...more.map(parseFault));
      return self;
    },
    otherwise(decide) {
      otherwise = decide;
      return self;
    },
    retryAfterViolations(toleranceMs = 1) {
      return requests.filter((request, i) => {
        const previous = requests[i - 1];
        if (previous?.retryAfterMs == null || previous.answeredAt === null) return false;
        return request.at < previous.answeredAt + previous.retryAfterMs - toleranceMs;
      });
    },
    waitForRequests: (count, timeoutMs) => arrivals.waitFor(count, timeoutMs),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return self;
}
