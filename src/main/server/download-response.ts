/**
 * Sending a finished export to the browser as a download. The file name goes in both forms of
 * RFC 6266: an ASCII `filename="…"` for old clients and `filename*=UTF-8''…` for the real name.
 *
 * @example
 * contentDisposition('cpu—day.csv'); // `attachment; filename="cpu_day.csv"; filename*=UTF-8''cpu%E2%80%94day.csv`
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { ExportFormat } from '../../shared/export.js';

const TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export function downloadContentType(format: ExportFormat): string {
  return TYPES[format];
}

export function contentDisposition(name: string): string {
  // Quotes, backslashes and percent signs are read differently by different browsers: replaced.
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams `path` as an attachment; `onSent` runs once every byte was handed to the OS, and not
 * when the client went away early (so an interrupted download can be retried).
 */
export function sendDownload(
  res: ServerResponse,
  file: { path: string; name: string; format: ExportFormat; size: number },
  onSent: () => void,
  onError: (err: unknown) => void,
): void {
  res.writeHead(200, {
    'Content-Type': downloadContentType(file.format),
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.name),
    'Cache-Control': 'no-store',
  });
  res.on('finish', onSent);
  createReadStream(file.path)
    .on('error', (err) => {
      onError(err);
      res.destroy();
    })
    .pipe(res);
}
