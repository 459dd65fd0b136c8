/**
 * Picks the encoder for a target's kind. Every encoder is a pure function of the samples, the
 * batch metadata and the target, so the same batch always encodes to the same bytes.
 *
 * @example
 * const encoded = encodeBatch(target.kind, rows, { batchId, host: 'desk', osType: 'linux' }, target);
 * await fetch(url, { method: 'POST', body: encoded.body, headers: { 'Content-Type': encoded.contentType } });
 */
import type { PushTarget } from '../../../../shared/push-settings.js';
import type { Sample } from '../../../../shared/sample.js';
import type { BatchEncoder, BatchMeta, EncodedBatch } from './batch.js';
import { encodeHttpJson } from './http-json.js';
import { encodeInfluxLine } from './influx-line.js';
import { encodeOtlpJson } from './otlp-json.js';

export type { BatchEncoder, BatchMeta, EncodedBatch } from './batch.js';
export { gzipBody } from './gzip.js';

/** The kinds of push target, as in the settings. */
export type PushKind = PushTarget['kind'];

/** Every kind's encoder; a new kind fails to typecheck until it has one. */
export const ENCODERS: Readonly<Record<PushKind, BatchEncoder>> = {
  'http-json': encodeHttpJson,
  influx: encodeInfluxLine,
  otlp: encodeOtlpJson,
};

/**
 * Encodes a batch of samples for a target of the given kind.
 *
 * @example
 * encodeBatch('influx', [{ ts: 1700000000000, values: { 'cpu.total': 12.5 } }], meta, target).body.toString()
 * // 'dashlight,host=desk cpu_total=12.5 1700000000000\n'
 */
export function encodeBatch(
  kind: PushKind,
  samples: readonly Sample[],
  meta: BatchMeta,
  target: PushTarget,
): EncodedBatch {
  const encoder = ENCODERS[kind];
  // Settings are validated, but a stale or hand-edited kind must fail loudly, not send nothing.
  if (!encoder) throw new Error(`no encoder for push target kind "${String(kind)}"`);
  return encoder(samples, meta, target);
}
