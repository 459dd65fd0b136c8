/**
 * The built dashboard (`out/renderer`), served read-only: `/` is index.html, hashed files under
 * `/assets/` are cached for good, nothing is ever listed, and no request path can name a file
 * outside the folder (see `resolveStaticPath`).
 *
 * @example
 * await serveStatic(req, res, '/opt/dashlight/out/renderer', '/assets/index-3f2a.js');
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types.js';
import { sendText } from './http-replies.js';
import type { ServerLog } from './server-log.js';

export const NOT_BUILT_MESSAGE = 'the dashboard is not built; run npm run build';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Maps a raw (still percent-encoded) request path to a file under `root`, or null. Refused:
 * encoded slashes, backslashes and NULs (they would change what the path means once decoded),
 * any segment starting with a dot (`..`, `.`, hidden files), `:` (drive letters and Windows
 * streams), and folders (a trailing slash). The resolved path must still lie under `root`.
 */
export function resolveStaticPath(root: string, rawPath: string): string | null {
  if (/%(2f|5c|00)/i.test(rawPath)) return null;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path === '/') path = '/index.html';
  if (!path.startsWith('/') || path.endsWith('/') || /[\\\0:]/.test(path)) return null;
  if (path.split('/').some((segment) => segment.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, `.${path}`);
  return full.startsWith(base + sep) ? full : null;
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  rawPath: string,
  log: ServerLog,
): Promise<void> {
  const base = await realpath(root).catch(() => null);
  const index = base === null ? null : await stat(resolve(base, 'index.html')).catch(() => null);
  if (base === null || !index?.isFile()) {
    sendText(res, 503, NOT_BUILT_MESSAGE, { 'Cache-Control': 'no-store' });
    return;
  }
  const file = resolveStaticPath(base, rawPath);
  // A symlink inside the folder must not lead out of it either.
  const real = file && (await realpath(file).catch(() => null));
  const info = real && real.startsWith(base + sep) ? await stat(real).catch(() => null) : null;
  if (!real || !info?.isFile()) {
    sendText(res, 404, 'not found', { 'Cache-Control': 'no-store' });
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeFor(real),
    'Content-Length': String(info.size),
    'Cache-Control': rawPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
    'Last-Modified': info.mtime.toUTCString(),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(real)
    .on('error', (err) => {
      log.warn({ err }, 'could not read a dashboard file');
      res.destroy();
    })
    .pipe(res);
}
