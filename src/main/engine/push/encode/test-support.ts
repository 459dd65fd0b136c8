/**
 * Shared inputs for the encoder tests: a validated target per kind, batch metadata, and a way to
 * rebuild samples with their values inserted in another order (the determinism tests).
 *
 * @example
 * const shuffled = reorderValues(samples); // same values, keys inserted in reverse order
 */
import { pushTargetSchema, type PushTarget } from '../../../../shared/push-settings.js';
import type { Sample } from '../../../../shared/sample.js';
import type { BatchMeta } from './batch.js';

/** A target as the settings would hold it (defaults filled in). */
export function testTarget(kind: PushTarget['kind'], extra: Partial<PushTarget> = {}): PushTarget {
  return { ...pushTargetSchema.parse({ name: 'test', kind, url: 'http://127.0.0.1:8428/write' }), ...extra };
}

export const META: BatchMeta = { batchId: 'test.1700000000000.1700000001000', host: 'desk', osType: 'linux' };

/** 14 Nov 2023 22:13:20 UTC, plus 123 ms so that ts × 10^6 is not exact as a float64. */
export const T0 = 1_700_000_000_123;

/** Two seconds of a small machine: hot values both times, the slow mount values only in the first. */
export function smallBatch(): Sample[] {
  return [
    {
      ts: T0,
      values: {
        'cpu.total': 12.5,
        'cpu.user': 8,
        'cpu.core[0]': 20,
        'cpu.core[1]': 5.25,
        'net.rx': 2048,
        'net.rx[eth0]': 2048,
        'net.tx[eth0]': 512,
        'disk.read[sda]': 4096,
        'fs.used[/mnt/my disk,x=y]': 1e9,
        'fs.used_pct[/mnt/my disk,x=y]': 40.5,
        'gpu.util[0]': 33,
      },
    },
    { ts: T0 + 1000, gapBefore: true, values: { 'cpu.total': 13, 'cpu.user': NaN, 'net.rx[eth0]': 100 } },
  ];
}

/** The same samples with each `values` object's keys inserted in reverse, then rotated, order. */
export function reorderValues(samples: readonly Sample[]): Sample[] {
  return samples.map((sample, i) => {
    const entries = Object.entries(sample.values).reverse();
    const turn = entries.length > 0 ? i % entries.length : 0;
    return { ...sample, values: Object.fromEntries([...entries.slice(turn), ...entries.slice(0, turn)]) };
  });
}
