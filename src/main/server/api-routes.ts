/**
 * `/api/*`: one `POST /api/<method>` per name in `METHOD_NAMES` (generated from the contract,
 * like the IPC transport, so no method can be forgotten), `GET /api/events` (Server-Sent
 * Events) and `GET /api/download/<id>`. Every answer is the `ContractResult` envelope:
 * `{"ok":true,"value":…}` or `{"ok":false,"error":{"name","message","issues?"}}`.
 *
 * @example
 * await routeApi({ engine, hub, downloads, log }, req, res, '/api/status');
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { METHOD_NAMES, parseInput, type DashlightHandlers, type MethodName } from '../../shared/contract.js';
import { httpErrorFor, isContractError } from './http-errors.js';
import type { EventHub } from './event-stream.js';
import type { ExportDownloads, StreamingEngine } from './export-downloads.js';
import { sendFailure, sendJson } from './http-replies.js';
import { BodyError, ClientGoneError, readJsonBody } from './read-body.js';
import type { ServerLog } from './server-log.js';

const METHODS = new Set<string>(METHOD_NAMES);

export interface ApiContext {
  engine: DashlightHandlers & StreamingEngine;
  hub: EventHub;
  downloads: ExportDownloads;
  log: ServerLog;
}

export async function routeApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const rest = path.slice('/api/'.length);
  if (rest === 'events') {
    if (!allow(req, res, 'GET')) return;
    ctx.hub.attach(req, res);
    return;
  }
  if (rest.startsWith('download/')) {
    if (!allow(req, res, 'GET')) return;
    await ctx.downloads.serve(ctx.engine, res, rest.slice('download/'.length));
    return;
  }
  // A Set, not `name in handlers`: `/api/constructor` must not reach Object.prototype.
  if (!METHODS.has(rest)) {
    sendFailure(res, 404, { name: 'NotFoundError', message: `no API method "${rest.slice(0, 64)}"` });
    return;
  }
  if (!allow(req, res, 'POST')) return;
  await callMethod(ctx, rest as MethodName, req, res);
}

/** 405 with `Allow` for any other verb. */
function allow(req: IncomingMessage, res: ServerResponse, verb: 'GET' | 'POST'): boolean {
  if (req.method === verb) return true;
  sendFailure(res, 405, { name: 'Error', message: `use ${verb} for this URL` }, { Allow: verb });
  return false;
}

async function callMethod(ctx: ApiContext, name: MethodName, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw: unknown;
  try {
    raw = await readJsonBody(req);
  } catch (error) {
    if (error instanceof ClientGoneError) return;
    if (!(error instanceof BodyError)) throw error;
    // Whatever the client still sends after a refusal is not read: the connection ends instead.
    sendFailure(res, error.status, error.error, error.status === 413 ? { Connection: 'close' } : {});
    return;
  }
  try {
    // Over HTTP an export streams to the browser: the answer is where to download it from.
    const value = name === 'export' ? ctx.downloads.ticket(raw) : await invoke(ctx, name, raw);
    sendJson(res, 200, { ok: true, value: value ?? null });
  } catch (error) {
    // Caller mistakes are routine; anything else is a bug: its stack goes to the log, never out.
    if (!isContractError(error)) ctx.log.error({ method: name, err: error }, 'API method failed');
    const { status, error: body } = httpErrorFor(error);
    sendFailure(res, status, body);
  }
}

function invoke(ctx: ApiContext, name: MethodName, raw: unknown): Promise<unknown> {
  const input = parseInput(name, raw);
  // The handler map is indexed by a union key, so TypeScript cannot pair input and handler.
  const handler = ctx.engine[name] as (input: unknown) => Promise<unknown>;
  return handler.call(ctx.engine, input);
}
