/**
 * The generic JSON batch for `kind: 'http-json'` targets: what a receiver's bulk ingest endpoint
 * (such as `POST /api/v1/metrics/bulk`) takes. The body is documented for receivers in HTTP-JSON.md.
 *
 * The text is written by hand rather than with JSON.stringify of an object: the field order is
 * then fixed by this file, `values` keys come out sorted whatever order the collectors used, and
 * no intermediate object per sample is built.
 */
import type { Sample } from '../../../../shared/sample.js';
import type { PushTarget } from '../../../../shared/push-settings.js';
import { VERSION } from '../../version.js';
import { epochMs, inTimeOrder, sortedSeriesKeys, writable, type BatchMeta, type EncodedBatch } from './batch.js';

/** The body format version; bumped only for a change a receiver could trip over. */
export const HTTP_JSON_VERSION = 1;

export const HTTP_JSON_CONTENT_TYPE = 'application/json';

/**
 * Encodes a batch as the documented JSON body. Values that are not finite numbers are left out
 * (JSON has no NaN); a sample right after a gap (sleep, restart) carries `"gapBefore": true`, so a
 * receiver need not draw a line across it.
 *
 * @example
 * const { body } = encodeHttpJson(
 *   [{ ts: 1700000000000, values: { 'cpu.total': 12.5, 'net.rx[eth0]': 2048 } }],
 *   { batchId: 'api.1700000000000.1700000000000', host: 'desk', osType: 'linux' },
 *   target,
 * );
 * // {"version":1,"batchId":"api.1700000000000.1700000000000","host":"desk","os":"linux",
 * //  "agent":"dashlight/0.1.0","count":1,"first":1700000000000,"last":1700000000000,
 * //  "samples":[{"ts":1700000000000,"time":"2023-11-14T22:13:20.000Z",
 * //  "values":{"cpu.total":12.5,"net.rx[eth0]":2048}}]}
 */
export function encodeHttpJson(samples: readonly Sample[], meta: BatchMeta, _target?: PushTarget): EncodedBatch {
  const ordered = inTimeOrder(samples);
  const keys = sortedSeriesKeys(ordered);
  // Each key's `"key":` prefix is quoted once per batch, not once per value.
  const prefixes = keys.map((key) => `${JSON.stringify(key)}:`);
  const parts: string[] = [];
  let points = 0;

  for (let i = 0; i < ordered.length; i++) {
    const sample = ordered[i]!;
    const ts = epochMs(sample.ts);
    let text = `${i === 0 ? '' : ','}{"ts":${ts},"time":"${new Date(ts).toISOString()}",`;
    if (sample.gapBefore === true) text += '"gapBefore":true,';
    text += '"values":{';
    let first = true;
    for (let k = 0; k < keys.length; k++) {
      const value = writable(sample.values, keys[k]!);
      if (value === undefined) continue;
      // String(value) is JSON's spelling of a finite number (1e+21, 1e-7, -0 as 0 included).
      text += first ? prefixes[k]! + value : `,${prefixes[k]!}${value}`;
      first = false;
      points++;
    }
    parts.push(`${text}}}`);
  }

  const firstTs = ordered.length > 0 ? epochMs(ordered[0]!.ts) : null;
  const lastTs = ordered.length > 0 ? epochMs(ordered.at(-1)!.ts) : null;
  const head =
    `{"version":${HTTP_JSON_VERSION},"batchId":${JSON.stringify(meta.batchId)},"host":${JSON.stringify(meta.host)},` +
    `"os":${JSON.stringify(meta.osType)},"agent":${JSON.stringify(`dashlight/${VERSION}`)},` +
    `"count":${ordered.length},"first":${firstTs},"last":${lastTs},"samples":[`;
  return { body: Buffer.from(`${head}${parts.join('')}]}`, 'utf8'), contentType: HTTP_JSON_CONTENT_TYPE, points };
}
