/**
 * Writing responses: JSON envelopes, plain text, small HTML pages. Each sets its length, and each
 * is a no-op once the client has gone, so a late reply after a disconnect cannot throw.
 *
 * @example
 * sendJson(res, 200, { ok: true, value: status });
 * sendFailure(res, 405, { name: 'Error', message: 'use POST' }, { Allow: 'POST' });
 */
import type { ServerResponse } from 'node:http';
import type { HttpError } from './http-errors.js';

type Headers = Readonly<Record<string, string>>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/** `{"ok":false,"error":{…}}` with `status`: the `ContractResult` envelope, over HTTP. */
export function sendFailure(res: ServerResponse, status: number, error: HttpError, headers: Headers = {}): void {
  sendJson(res, status, { ok: false, error }, headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Headers = {}): void {
  send(res, status, 'text/plain; charset=utf-8', text.endsWith('\n') ? text : `${text}\n`, headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Headers = {}): void {
  send(res, status, 'text/html; charset=utf-8', html, headers);
}

/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Headers): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': String(bytes.length) });
  // HEAD gets the same headers and no body.
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}
