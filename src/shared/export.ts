/**
 * Export requests and results, shared by the engine, the CLI and the dashboard.
 *
 * @example
 * parseInput('export', { format: 'csv', from: Date.now() - 86_400_000, to: Date.now(), path: '/tmp/day.csv' });
 */
import { isKnownSeries } from './metrics.js';
import type { Tier } from './queries.js';
import { isTierName } from './tiers.js';
import { z } from './validation.js';

const epochMs = z.int().check(z.nonnegative());

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportInput = z
  .strictObject({
    /** Chosen by the caller so it can cancel before the call returns; generated when absent. */
    id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))),
    format: z.enum(EXPORT_FORMATS),
    from: epochMs,
    to: epochMs,
    /** A tier (raw, 10s, 30s, 1m, 2m, 5m, 15m, 30m, 1h, 6h, 1d: status().db.rows lists them), or auto: the finest that still holds `from`. */
    resolution: z._default(
      z.custom<'auto' | Tier>((value) => typeof value === 'string' && (value === 'auto' || isTierName(value)), {
        message: 'must be auto, raw, or a tier such as 10s, 1m, 5m, 15m, 1h, 6h or 1d',
      }),
      'auto',
    ),
    /** Series keys or per-entity metric names (`net.rx` = every interface); null = all. */
    metrics: z._default(
      z.nullable(
        z
          .array(
            z.string().check(z.refine(isKnownSeries, { message: 'unknown series: see the metric list in the README' })),
          )
          .check(z.minLength(1)),
      ),
      null,
    ),
    /** The file to write (written to a temporary file first, then renamed); '-' is stdout in the CLI. */
    path: z.string().check(z.minLength(1)),
  })
  .check(z.refine((input) => input.from <= input.to, { path: ['to'], message: 'must not be before from' }));

export type ExportInput = z.output<typeof exportInput>;

export interface ExportProgress {
  readonly id: string;
  readonly rowsDone: number;
  readonly rowsTotal: number;
}

export interface ExportResult {
  readonly id: string;
  readonly path: string;
  readonly format: ExportFormat;
  /** The tier the rows came from. */
  readonly resolution: Tier;
  readonly from: number;
  readonly to: number;
  readonly rows: number;
  readonly bytes: number;
  /** Column names as written (CSV header; JSON `columns`). */
  readonly columns: readonly string[];
}

export type ExportDone =
  | { readonly id: string; readonly ok: true; readonly result: ExportResult }
  | { readonly id: string; readonly ok: false; readonly cancelled: boolean; readonly error: string };
