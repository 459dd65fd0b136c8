/**
 * The headless web host: the built dashboard, the contract over `POST /api/<method>`, and the
 * engine's events over SSE, behind a token, on 127.0.0.1 unless told otherwise
 * (docs/ARCHITECTURE.md, "One contract, two transports").
 *
 * @example
 * const server = await startServer({ engine, dataDir: paths.dataDir, host: '127.0.0.1', port: 7437, log });
 * console.error(`dashboard: ${server.url}`); // http://127.0.0.1:7437/?token=…
 * await server.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { DashlightHandlers } from '../../shared/contract.js';
import type { DashlightSubscribe } from '../../shared/ipc-channels.js';
import { tokenAuth } from './auth.js';
import { EventHub } from './event-stream.js';
import { ExportDownloads, type StreamingEngine } from './export-downloads.js';
import { DEFAULT_HOST, DEFAULT_PORT, hostCheck, urlHost } from './host-check.js';
import { requestHandler } from './request-handler.js';
import type { ServerLog } from './server-log.js';
import { loadServerToken } from './server-token.js';

/**
 * What the server drives: the contract's methods and its events, as `Engine` implements them, and
 * the export into a stream (a browser's download).
 */
export type ServerEngine = DashlightHandlers & { on: DashlightSubscribe } & Pick<StreamingEngine, 'exportTo'>;

export interface ServerOptions {
  engine: ServerEngine;
  /** Holds `server-token`. */
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 7437; 0 picks a free port. */
  port?: number;
  /** The built dashboard; default `out/renderer` beside the bundle that contains this module. */
  rendererDir?: string;
  log: ServerLog;
  /** Token file problems worth the user's attention (default: the log). */
  warn?: (line: string) => void;
  /** SSE keep-alive period; tests shorten it. */
  keepaliveMs?: number;
}

export interface RunningServer {
  /** The dashboard URL with `?token=`: the one place the token is shown. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Ends the event streams and every connection, then stops listening. */
  close(): Promise<void>;
}

/** A failure to listen, worded for the user (port taken, no permission, no such address). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Time to send the request line and headers, and the whole request; SSE responses are exempt. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `out/renderer`, found from where this module runs: bundled, that is out/main/cli.js or (as
 * `run` loads the server lazily) a chunk in out/main/chunks/ (see chunkFileNames in vite.config.ts).
 */
export function defaultRendererDir(moduleUrl: string = import.meta.url): string {
  const inChunk = new URL('.', moduleUrl).pathname.endsWith('/chunks/');
  return fileURLToPath(new URL(inChunk ? '../../renderer/' : '../renderer/', moduleUrl));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const { engine, log } = options;
  const token = loadServerToken(options.dataDir, options.warn ?? ((line) => log.warn({}, line)));
  const downloads = await ExportDownloads.open({ dataDir: options.dataDir, log });
  const hub = new EventHub(engine, { log, keepaliveMs: options.keepaliveMs });
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  let checkHost: (header: string | undefined) => boolean = () => false;
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    requestHandler({
      api: { engine, hub, downloads, log },
      auth: tokenAuth(token),
      // Known once listening (port 0 is only a wish); until then nothing is accepted anyway.
      checkHost: (header) => checkHost(header),
      rendererDir,
      log,
    }),
  );
  let port: number;
  try {
    port = (await listen(server, host, options.port ?? DEFAULT_PORT)).port;
  } catch (error) {
    downloads.close();
    throw error;
  }
  checkHost = hostCheck(host, port);
  log.info({ host, port, rendererDir }, 'web dashboard listening');
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () => (closing ??= stop(server, hub, downloads)),
  };
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): ListenError {
  const where = `${urlHost(host)}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(
        `port ${port} on ${host} is already in use (another dashlight run --serve?); ` +
          'choose another with --port <n>, or --port 0 for any free port',
        error.code,
      );
    case 'EACCES':
      return new ListenError(
        `not allowed to listen on port ${port} (${where}; ports below 1024 need privileges); choose another with --port <n>`,
        error.code,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(`cannot listen on ${host}: no such address on this machine; check --host`, error.code);
    default:
      return new ListenError(`cannot listen on ${where}: ${error.message}`, error.code);
  }
}

async function stop(server: Server, hub: EventHub, downloads: ExportDownloads): Promise<void> {
  hub.close();
  downloads.close();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
