/**
 * The headers of an export streamed to the browser as a download. The file name goes in both forms
 * of RFC 6266: an ASCII `filename="…"` for old clients and `filename*=UTF-8''…` for the real name.
 *
 * @example
 * contentDisposition('cpu—day.csv'); // `attachment; filename="cpu_day.csv"; filename*=UTF-8''cpu%E2%80%94day.csv`
 */
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
