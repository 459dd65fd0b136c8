/**
 * Shared pieces of the server tests: a hand-written fake engine (every contract method, plus
 * `on` with a visible listener count), a started server on a free port in a temp data folder,
 * and a raw HTTP client (node:http sends the path exactly as given, `..` included, which fetch
 * would normalize away).
 *
 * @example
 * const { server, engine } = await startTestServer();
 * const reply = await call(server, 'status');
 * engine.emit('sample', sample);
 */
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, vi, type Mock } from 'vitest';
import {
  METHOD_NAMES,
  type DashlightEvents,
  type DashlightHandlers,
  type EventName,
  type MethodName,
} from '../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import { startServer, type RunningServer, type ServerOptions } from './http-server.js';
import type { ServerLog } from './server-log.js';

export type FakeEngine = DashlightHandlers & { [K in MethodName]: Mock } & {
  /** Writes `input.format` as one line into the stream, as the real one writes the export. */
  exportTo: Mock<(input: ExportInput, output: NodeJS.WritableStream) => Promise<ExportResult>>;
  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void;
  emit<K extends EventName>(event: K, payload: DashlightEvents[K]): void;
  listenerCount(): number;
};

/** Every method resolves to `{ method, input }`, so a test can see what reached the engine. */
export function fakeEngine(): FakeEngine {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const engine = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, vi.fn(async (input: unknown) => ({ method: name, input: input ?? null }))]),
  ) as unknown as FakeEngine;
  engine.on = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  };
  engine.emit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  engine.listenerCount = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  engine.exportTo = vi.fn(async (input: ExportInput, output: NodeJS.WritableStream) => {
    output.write(`${input.format}\n`);
    const result: ExportResult = {
      ...{ id: input.id ?? 'x', path: input.path, format: input.format, resolution: 'raw' as const },
      ...{ from: input.from, to: input.to, rows: 1, bytes: input.format.length + 1, columns: ['ts'] },
    };
    engine.emit('exportDone', { id: result.id, ok: true, result });
    return result;
  });
  return engine;
}

export type TestLog = ServerLog & { info: Mock; warn: Mock; error: Mock };

export function testLog(): TestLog {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

export function tempDir(prefix = 'dashlight-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const running: RunningServer[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

/** A server on 127.0.0.1, port 0; closed after each test. */
export async function startTestServer(options: Partial<ServerOptions> = {}) {
  const engine = (options.engine as FakeEngine | undefined) ?? fakeEngine();
  const log = (options.log as TestLog | undefined) ?? testLog();
  const dataDir = options.dataDir ?? tempDir();
  const server = await startServer({
    rendererDir: join(dataDir, 'no-renderer'),
    ...options,
    engine,
    log,
    dataDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  running.push(server);
  return { server, engine, log, dataDir };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (throws if it is not). */
  json(): { ok: boolean; value?: unknown; error?: { name: string; message: string; issues?: unknown[] } };
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A raw request; the path goes out byte for byte. */
export function request(port: number, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function bearer(server: RunningServer): Record<string, string> {
  return { Authorization: `Bearer ${server.token}` };
}

/** `POST /api/<method>` with the token and a JSON body (omitted when `input` is undefined). */
export function call(server: RunningServer, method: string, input?: unknown): Promise<Reply> {
  return request(server.port, `/api/${method}`, {
    method: 'POST',
    headers: { ...bearer(server), 'Content-Type': 'application/json' },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
}

/** Opens `GET /api/events` (or `path`); `events` fills as they arrive, `close()` hangs up. */
export function openEvents(
  server: RunningServer,
  path = '/api/events',
): Promise<{
  response: IncomingMessage;
  text: () => string;
  until: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  close: () => void;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: bearer(server) }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', () => {});
      const until = async (pattern: RegExp, timeoutMs = 5000) => {
        const deadline = Date.now() + timeoutMs;
        while (!pattern.test(text)) {
          if (Date.now() > deadline) throw new Error(`no ${pattern} in the event stream; got:\n${text}`);
          await new Promise((r) => setTimeout(r, 10));
        }
        return text;
      };
      resolve({ response, text: () => text, until, close: () => req.destroy() });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

/** Polls until `check` is true (for effects that happen after a response, such as a socket close). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
