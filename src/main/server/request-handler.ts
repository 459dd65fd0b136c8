/**
 * Every request, in order: security headers; the Host check (DNS rebinding); the token (cookie,
 * bearer, or the one-time `?token=` redirect); a same-origin check for anything that changes
 * state; then `/api/*` or the static dashboard. Nothing here logs a URL: it may hold the token.
 *
 * @example
 * const server = createServer(requestHandler({ api, auth, checkHost, rendererDir, log }));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeApi, type ApiContext } from './api-routes.js';
import { sendUnauthorized, type TokenAuth } from './auth.js';
import { httpErrorFor } from './http-errors.js';
import { sameOrigin } from './host-check.js';
import { sendFailure, sendText } from './http-replies.js';
import { applySecurityHeaders } from './security-headers.js';
import type { ServerLog } from './server-log.js';
import { serveStatic } from './static-files.js';

export interface HandlerOptions {
  api: ApiContext;
  auth: TokenAuth;
  checkHost: (header: string | undefined) => boolean;
  rendererDir: string;
  log: ServerLog;
}

export function requestHandler(options: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      options.log.error({ err: error }, 'web request failed');
      if (res.headersSent) res.destroy();
      else sendFailure(res, 500, httpErrorFor(error).error);
    });
  };
}

async function handle(options: HandlerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  applySecurityHeaders(res);
  const target = req.url ?? '';
  const path = target.split('?', 1)[0]!;
  const isApi = path === '/api' || path.startsWith('/api/');
  if (isApi) res.setHeader('Cache-Control', 'no-store');
  // Origin-form only: an absolute URL ("GET http://elsewhere/") is a proxy request, not ours.
  if (!path.startsWith('/')) {
    sendText(res, 400, 'bad request target');
    return;
  }
  if (!options.checkHost(req.headers.host)) {
    sendFailure(res, 403, {
      name: 'ForbiddenError',
      message: 'this server answers only to 127.0.0.1, localhost or [::1]: open the URL printed at start',
    });
    return;
  }
  // Concatenated, not resolved: a target like //elsewhere/ must stay a path.
  const url = new URL(`http://dashlight.invalid${target}`);
  if (options.auth.redirectWithCookie(req, res, url)) return;
  if (!options.auth.allows(req)) {
    sendUnauthorized(req, res);
    return;
  }
  const readOnly = req.method === 'GET' || req.method === 'HEAD';
  if (!readOnly && !sameOrigin(req.headers.origin, req.headers.host)) {
    sendFailure(res, 403, { name: 'ForbiddenError', message: 'cross-origin requests are not accepted' });
    return;
  }
  if (isApi) {
    await routeApi(options.api, req, res, path === '/api' ? '/api/' : path);
    return;
  }
  if (!readOnly) {
    sendText(res, 405, 'use GET', { Allow: 'GET, HEAD' });
    return;
  }
  await serveStatic(req, res, options.rendererDir, path, options.log);
}
