/**
 * The `/metrics` listener: its own port (9437 by default), bound to 127.0.0.1 unless told
 * otherwise, answering `GET /metrics` (and `HEAD`) in the Prometheus text format, or in OpenMetrics
 * when the scraper's `Accept` prefers it (Prometheus itself does). `/` is a short page that links
 * to `/metrics`, as node_exporter's does. Loaded only when the endpoint is on, so an engine without
 * it never loads node:http.
 *
 * @example
 * const server = await startScrapeServer({ host: '127.0.0.1', port: 9437, auth: null, exposition, hooks });
 * server.url // 'http://127.0.0.1:9437/metrics'
 * await server.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { ScrapeAuth } from '../../../shared/prometheus-settings.js';
import { hostCheck } from '../net/loopback.js';
import type { Exposition } from './exposition.js';
import { prefersOpenMetrics } from './accept.js';
import type { Clear } from '../../../shared/secrets.js';
import { scrapeAuth } from './scrape-auth.js';

export interface ScrapeHooks {
  /** A scrape was answered with data. */
  scraped(remote: string | null): void;
  /** A request was refused for its credential. */
  refused(): void;
  /** Rendering failed: logged by the module, answered 500 here. */
  failed(error: unknown): void;
}

export interface ScrapeServerOptions {
  readonly host: string;
  readonly port: number;
  /** The credential in clear (the module opens it just before listening). */
  readonly auth: Clear<ScrapeAuth>;
  readonly exposition: Pick<Exposition, 'render'>;
  readonly hooks: ScrapeHooks;
}

export interface RunningScrapeServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A listen failure in words, naming the setting and the flag to change. */
export class ScrapeListenError extends Error {
  override readonly name = 'ScrapeListenError';
}

const TIMEOUT_MS = 10_000;
const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

const INDEX =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dashlight metrics</title></head>' +
  '<body><h1>Dashlight metrics</h1><p><a href="metrics">Metrics</a> in the Prometheus text format ' +
  '(OpenMetrics when asked for by <code>Accept</code>).</p></body></html>';

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export async function startScrapeServer(options: ScrapeServerOptions): Promise<RunningScrapeServer> {
  const auth = scrapeAuth(options.auth);
  let checkHost: (header: string | undefined) => boolean = () => false;
  const server = createServer({ headersTimeout: TIMEOUT_MS, requestTimeout: TIMEOUT_MS }, (req, res) => {
    void answer(req, res).catch((error: unknown) => {
      options.hooks.failed(error);
      if (!res.headersSent) reply(res, 500, 'the metrics could not be rendered; see the Dashlight log\n');
      else res.destroy();
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!checkHost(req.headers.host)) {
      reply(res, 403, 'this endpoint answers only to 127.0.0.1, localhost or [::1] at its own port\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' && path !== '/') {
      reply(res, 404, 'not found: the metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'only GET and HEAD\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (!auth.allows(req.headers.authorization)) {
      options.hooks.refused();
      reply(res, 401, `unauthorized: send the ${auth.kind} credential set in the prometheus.auth setting\n`, {
        'WWW-Authenticate': auth.challenge ?? '',
      });
      return;
    }
    if (path === '/') {
      reply(res, 200, INDEX, { 'Content-Type': 'text/html; charset=utf-8' });
      return;
    }
    const { body, contentType } = options.exposition.render(prefersOpenMetrics(req.headers.accept));
    options.hooks.scraped(req.socket.remoteAddress ?? null);
    reply(res, 200, body, { 'Content-Type': contentType });
  }

  const port = await listen(server, options.host, options.port);
  checkHost = hostCheck(options.host, port);
  // "Every interface" is shown as this machine's name, the address others would scrape.
  const everywhere = ['0.0.0.0', '::', '[::]'].includes(options.host);
  const shown = everywhere ? hostname() : options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shown}:${port}/metrics`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host} port ${port}`;
      const why =
        error.code === 'EADDRINUSE'
          ? `${where} is already in use (another Dashlight, or node_exporter?)`
          : error.code === 'EACCES'
            ? `not allowed to listen on ${where} (ports below 1024 need privileges)`
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `${host} is not an address of this machine`
              : `cannot listen on ${where}: ${error.message}`;
      reject(
        new ScrapeListenError(
          `the Prometheus endpoint cannot start: ${why}; choose another with --metrics-port/--metrics-host (prometheus.port/host)`,
        ),
      );
    });
    server.listen({ host, port }, () => resolve((server.address() as AddressInfo).port));
  });
}
