/**
 * Runs one export: checks the destination, picks the tier and the columns, streams the rows in
 * chunks (raw-export.ts, bucket-export.ts) through a format (CSV, JSON, NDJSON) into a file
 * written atomically or into a caller's stream, with throttled progress and cancellation.
 *
 * - The destination is checked (folder exists, writable, target not a folder) before any data
 *   is read, so a bad path fails at once, with nothing written.
 * - Rows end at the newest sample present when the export starts (after flushing the store, so
 *   the last seconds are in): samples arriving meanwhile are left out, which keeps the progress
 *   total exact and the output a consistent snapshot.
 * - Progress totals: raw, the stored rows in the range (an upper bound when `metrics` selects
 *   series some rows lack: those rows are skipped); rollup tiers, the buckets counted exactly first.
 *   The last event always reports rowsDone === rowsTotal === result.rows.
 * - Failure or cancel (AbortError) removes the temporary file; an existing target stays as it was.
 *
 * @example
 * const result = await runExport(store, parseInput('export', request), {
 *   host: os.hostname(),
 *   id: 'exp1',
 *   signal: controller.signal,
 *   onProgress: (p) => send('exportProgress', p),
 * });
 * result.rows // 86400
 */
import type { ExportInput, ExportProgress, ExportResult } from '../../../shared/export.js';
import { InputError } from '../../../shared/contract.js';
import type { Sample } from '../../../shared/sample.js';
import { TIER_ORDER, isStoreTier, type StoreTier } from '../store/schema.js';
import type { SampleRange } from '../store/sample-range.js';
import { AtomicFileSink } from './atomic-file-sink.js';
import { countBuckets, defaultWindowBuckets, writeBuckets, type BucketSource } from './bucket-export.js';
import { throwIfCancelled } from './cancel.js';
import { selectSeries, valueColumns } from './columns.js';
import { createFormat } from './create-format.js';
import { ExportWriter } from './export-writer.js';
import type { OutputSink } from './output-sink.js';
import { ProgressReporter } from './progress.js';
import { DEFAULT_RAW_CHUNK_ROWS, writeRawRows } from './raw-export.js';
import { StreamSink } from './stream-sink.js';

/** What an export reads from the store; MetricStore satisfies it. */
export interface ExportSource extends BucketSource {
  readonly range: Pick<SampleRange, 'scan' | 'count'>;
  knownSeries(): string[];
  finestTierFrom(from: number): StoreTier;
  /** Commits buffered samples; may throw (the export then goes on without them). */
  flush(): number;
  latest(): Sample | null;
}

export interface ExportOptions {
  /** The machine's name, for the JSON document's `host`. */
  readonly host: string;
  /** The export's id: progress events carry it, the temporary file name contains it. */
  readonly id: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Raw rows per chunk (default 5000); for rollup tiers, buckets per window (default 360 below an hour, else 168). */
  readonly chunkRows?: number;
  /** Clock for throttling progress events (default performance.now). */
  readonly now?: () => number;
  /** Write here (e.g. stdout) instead of to `input.path`; the stream is not ended. */
  readonly output?: NodeJS.WritableStream;
}

/** A tier this store keeps, or an InputError naming the ones it does. */
function storeTier(name: string): StoreTier {
  if (isStoreTier(name)) return name;
  throw new InputError('export', [
    { path: 'resolution', message: `no tier "${name}": choose auto or one of ${TIER_ORDER.join(', ')}` },
  ]);
}

/** Runs an export to completion; rejects with an ExportWriteError, an AbortError or a store error. */
export async function runExport(
  source: ExportSource,
  input: ExportInput,
  options: ExportOptions,
): Promise<ExportResult> {
  throwIfCancelled(options.signal, options.id);
  if (input.path === '-' && !options.output) {
    throw new Error("the export path '-' means standard output, which only the command line has: give a file path");
  }
  const sink: OutputSink = options.output
    ? new StreamSink(options.output, input.path, options.signal, options.id)
    : await AtomicFileSink.open(input.path, options.id);
  try {
    const result = await writeExport(source, input, options, sink);
    // A cancel during the last chunk still wins: nothing becomes visible after it.
    throwIfCancelled(options.signal, options.id);
    await sink.commit();
    return result;
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

async function writeExport(
  source: ExportSource,
  input: ExportInput,
  options: ExportOptions,
  sink: OutputSink,
): Promise<ExportResult> {
  const { id, signal } = options;
  const checkCancel = () => throwIfCancelled(signal, id);
  try {
    source.flush();
  } catch {
    // The store has logged it; buffered samples are just not in this export.
  }
  const tier = input.resolution === 'auto' ? source.finestTierFrom(input.from) : storeTier(input.resolution);
  const keys = selectSeries(source.knownSeries(), input.metrics);
  const format = createFormat(input.format, {
    host: options.host,
    from: input.from,
    to: input.to,
    resolution: tier,
    valueColumns: valueColumns(keys, tier),
  });
  const from = input.from;
  const to = Math.min(input.to, source.latest()?.ts ?? Number.NEGATIVE_INFINITY);
  const any = keys.length > 0 && to >= from;
  const chunk = options.chunkRows === undefined ? undefined : Math.max(1, Math.floor(options.chunkRows));

  let total = 0;
  if (any) {
    total =
      tier === 'raw'
        ? source.range.count(from - 1, to)
        : await countBuckets(source, tier, keys, from, to, chunk ?? defaultWindowBuckets(tier), checkCancel);
  }
  const progress = new ProgressReporter(id, total, options.onProgress, options.now ?? (() => performance.now()));
  const writer = new ExportWriter({ format, sink, progress, signal, id });
  progress.start();
  checkCancel();
  writer.begin();
  try {
    if (any) {
      if (tier === 'raw') await writeRawRows(source.range, keys, from, to, chunk ?? DEFAULT_RAW_CHUNK_ROWS, writer);
      else await writeBuckets(source, tier, keys, from, to, chunk ?? defaultWindowBuckets(tier), writer);
    }
    await writer.finish();
  } catch (error) {
    // Let the write in flight end before the caller discards the file under it.
    await writer.settle().catch(() => {});
    throw error;
  }
  progress.finish(writer.rows);
  return {
    id,
    path: input.path,
    format: input.format,
    resolution: tier,
    from: input.from,
    to: input.to,
    rows: writer.rows,
    bytes: writer.bytes,
    columns: format.columns,
  };
}
