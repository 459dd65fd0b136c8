/**
 * What every push encoder shares: the batch metadata, the encoded result, and the helpers that
 * make the output deterministic. A re-sent batch must be byte-identical (same Idempotency-Key,
 * same body), so nothing here depends on object insertion order or on the clock.
 *
 * @example
 * const meta: BatchMeta = { batchId: 'vm.1700000000000.1700004999000', host: 'desk', osType: 'linux' };
 * const encoded: EncodedBatch = encodeInfluxLine(samples, meta, target);
 * encoded.points // values written, e.g. 5000 samples × 45 series ≈ 200,000
 */
import type { PushTarget } from '../../../../shared/push-settings.js';
import type { Sample } from '../../../../shared/sample.js';

/** Facts about the batch and the machine that every encoding carries. */
export interface BatchMeta {
  /** Deterministic id of the batch; also the Idempotency-Key header. */
  readonly batchId: string;
  readonly host: string;
  /** As OpenTelemetry's `os.type`: `linux`, `darwin`, `windows`, … */
  readonly osType: string;
}

/** A request body ready to send; `points` is the number of values written into it. */
export interface EncodedBatch {
  readonly body: Buffer;
  readonly contentType: string;
  readonly points: number;
}

/** The shape of every encoder: a pure function of its inputs. */
export type BatchEncoder = (samples: readonly Sample[], meta: BatchMeta, target: PushTarget) => EncodedBatch;

/**
 * Every series key that occurs in the batch, sorted by UTF-16 code units (plain `sort()`), so the
 * output never depends on the order in which a collector happened to insert its values.
 *
 * @example
 * sortedSeriesKeys([{ ts: 0, values: { b: 1, a: 2 } }, { ts: 1, values: { c: 3 } }]) // ['a', 'b', 'c']
 */
export function sortedSeriesKeys(samples: readonly Sample[]): string[] {
  const keys = new Set<string>();
  for (const sample of samples) for (const key of Object.keys(sample.values)) keys.add(key);
  return [...keys].sort();
}

/**
 * The samples in ascending time order. The outbox already reads them so; a stable sort only runs
 * when they are not, so equal timestamps keep their input order.
 *
 * @example
 * inTimeOrder([{ ts: 2, values: {} }, { ts: 1, values: {} }]).map((s) => s.ts) // [1, 2]
 */
export function inTimeOrder(samples: readonly Sample[]): readonly Sample[] {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]!.ts < samples[i - 1]!.ts) return [...samples].sort((a, b) => a.ts - b.ts);
  }
  return samples;
}

/**
 * A sample's timestamp as whole epoch milliseconds. Stored timestamps already are; rounding
 * guards the integer-only formats (line protocol, OTLP nanoseconds) against a stray fraction.
 *
 * @example
 * epochMs(1700000000000.4) // 1700000000000
 */
export function epochMs(ts: number): number {
  return Math.round(ts);
}

/**
 * The value to write, or undefined to skip it: JSON, line protocol and OTLP gauges have no
 * portable spelling for NaN or ±Infinity. `typeof` also rejects inherited properties such as
 * `values.constructor` when a key of the batch is missing from this sample.
 *
 * @example
 * writable({ a: 1, b: NaN }, 'b') // undefined
 */
export function writable(values: Readonly<Record<string, number>>, key: string): number | undefined {
  const value: unknown = values[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Orders strings by UTF-16 code units, like a plain `sort()`, for sorting records by a text key.
 *
 * @example
 * ['b', 'a'].sort(compareText) // ['a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
