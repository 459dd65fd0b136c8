/**
 * The export form's pure parts: formats, resolutions, the default file name, export ids,
 * and which form field an engine issue path belongs to.
 *
 * @example
 * defaultFileName('csv', now) // 'dashlight-20260131-1405.csv'
 */
import type { ExportFormat } from '../../../shared/export.js';
import type { Tier } from '../../../shared/queries.js';
import { tierWords } from '../../../shared/tiers.js';

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', json: 'JSON', ndjson: 'NDJSON' };

export type Resolution = 'auto' | Tier;

/** Offered before the engine's status has said which tiers it keeps. */
const FALLBACK_TIERS: readonly Tier[] = ['raw', '1m', '1h'];

/**
 * The resolutions to offer: automatic, then every tier the engine keeps, finest first (the keys
 * of `status().db.rows`).
 */
export function resolutionChoices(rows: Readonly<Record<Tier, number>> | null): { value: Resolution; label: string }[] {
  const tiers = rows ? (Object.keys(rows) as Tier[]) : FALLBACK_TIERS;
  return [
    { value: 'auto', label: 'Automatic' },
    ...tiers.map((tier) => ({ value: tier, label: tier === 'raw' ? 'Raw samples' : tierWords(tier) })),
  ];
}

/** The tier a finished export came from, in words. */
export function tierLabel(tier: Tier): string {
  return tier === 'raw' ? 'raw samples' : `${tierWords(tier)} averages`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `dashlight-<yyyymmdd-hhmm>.<ext>`, in local time. */
export function defaultFileName(format: ExportFormat, now: number): string {
  const d = new Date(now);
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `dashlight-${stamp}.${format}`;
}

/** The same name with the format's extension (replacing a known one). */
export function withExtension(name: string, format: ExportFormat): string {
  return `${name.replace(/\.(csv|json|ndjson)$/i, '')}.${format}`;
}

/**
 * An export id chosen here, so the progress events can be told apart before `export` answers:
 * a UUID stripped to the contract's `[A-Za-z0-9_-]{1,64}`. Pages served over plain http from
 * another machine have no `randomUUID` (not a secure context), so random bytes stand in.
 */
export function newExportId(
  source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto,
): string {
  if (typeof source.randomUUID === 'function') {
    return source
      .randomUUID()
      .replace(/[^A-Za-z0-9_-]/g, '')
      .slice(0, 64);
  }
  const bytes = source.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type ExportField = 'range' | 'from' | 'to' | 'format' | 'resolution' | 'metrics' | 'fileName';

/** The form field an issue path belongs to; null for those no field shows (the summary does). */
export function exportFieldOfIssue(path: string): ExportField | null {
  const head = path.split('.')[0];
  switch (head) {
    case 'path':
      return 'fileName';
    case 'from':
    case 'to':
    case 'format':
    case 'resolution':
    case 'metrics':
      return head;
    default:
      return null;
  }
}
