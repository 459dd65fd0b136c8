/**
 * A client's subscription to the live `sample` stream: which series its sample events carry. The
 * dashboard draws a handful of series live; a machine may report hundreds, so each transport keeps
 * one subscription per client and sends every sample with only those values (its `ts` and
 * `gapBefore` always). A client that never subscribes gets every value, as before.
 *
 * It is part of the contract but not a method (the engine has no notion of clients): the IPC
 * transport takes it per window on `SUBSCRIBE_CHANNEL` (ipc-channels.ts), the HTTP transport as
 * the `series` parameters of `GET /api/events` (`?series=cpu.total&series=cpu.core`).
 *
 * @example
 * const subscription = parseSubscription({ series: ['cpu.total', 'cpu.core'] });
 * narrowSample({ ts, values: { 'cpu.total': 5, 'cpu.core[0]': 7, 'net.rx[eth0]': 9 } }, subscription)
 * // { ts, values: { 'cpu.total': 5, 'cpu.core[0]': 7 } }
 */
import { InputError } from './contract.js';
import { isKnownSeries, parseSeriesKey } from './metrics.js';
import type { Sample } from './sample.js';
import { z } from './validation.js';

export const sampleSubscription = z.strictObject({
  /** Series keys (`net.rx[eth0]`), or metric names for every entity of a per-entity metric (`cpu.core`). */
  series: z
    .array(z.string().check(z.refine(isKnownSeries, { message: 'unknown series: see the metric list in the README' })))
    .check(z.maxLength(256)),
});

export type SampleSubscription = z.output<typeof sampleSubscription>;

/** Validates a subscription from a client; throws InputError naming each bad field. */
export function parseSubscription(raw: unknown): SampleSubscription {
  const result = sampleSubscription.safeParse(raw);
  if (result.success) return result.data;
  throw new InputError(
    'subscribe',
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}

/** The sample with only the subscribed series; the sample itself when there is no subscription. */
export function narrowSample(sample: Sample, subscription: SampleSubscription | null): Sample {
  if (!subscription) return sample;
  const wanted = new Set(subscription.series);
  const values: Record<string, number> = {};
  for (const key in sample.values) {
    if (wanted.has(key) || wanted.has(parseSeriesKey(key).metric)) values[key] = sample.values[key]!;
  }
  return sample.gapBefore ? { ts: sample.ts, values, gapBefore: true } : { ts: sample.ts, values };
}
