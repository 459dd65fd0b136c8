/**
 * Shared fixtures for the notify tests: a realistic alert event, a pino logger that keeps its
 * lines in memory, and a real HTTP server on 127.0.0.1 (no fetch mocks).
 *
 * @example
 * const server = await startServer((req, res) => res.end('ok'));
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { AlertEvent } from '../../../../shared/alerts.js';
import type { Logger } from '../../log/logger.js';

const AT = Date.UTC(2025, 2, 14, 9, 30, 0);

/** A firing critical CPU alert with top processes; override what a test cares about. */
export function alertEvent(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    kind: 'firing',
    ruleId: 'cpu-busy',
    ruleName: 'CPU busy',
    series: 'cpu.total',
    severity: 'critical',
    value: 97.5,
    threshold: 95,
    at: AT,
    since: AT - 125_400,
    heldMs: 125_400,
    notified: true,
    suppressed: null,
    instanceId: 42,
    topProcesses: {
      at: AT,
      byCpu: [
        { pid: 4242, name: 'node', cpuPercent: 180.5, rssBytes: 512_000_000 },
        { pid: 77, name: 'chrome', cpuPercent: 40, rssBytes: 2_100_000_000 },
      ],
      byMemory: [
        { pid: 77, name: 'chrome', cpuPercent: 40, rssBytes: 2_100_000_000 },
        { pid: 4242, name: 'node', cpuPercent: 180.5, rssBytes: 512_000_000 },
      ],
    },
    text: 'CPU busy: cpu.total 97.5 % above 95 % for 2 min 5 s (top: node 180 %)',
    ...overrides,
  };
}

/** A pino logger at debug level whose JSON lines land in `lines`. */
export function memoryLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly requests: Received[];
  /** Sockets ever opened, to see whether connections were reused. */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1, port 0, recording each request before `handle` answers it. */
export async function startServer(
  handle: (req: Received, res: ServerResponse, index: number) => void,
): Promise<TestServer> {
  const requests: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      handle(received, res, requests.length - 1);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just listening and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A promise with its resolve/reject handed out, for notifiers the test releases by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
