/**
 * A database holding exactly the samples a test gives, so human output can be asserted to the
 * character: real SQLite, written through the engine's store, no collector involved.
 *
 * @example
 * await storeSamples(db, [{ ts: T0, values: { 'cpu.total': 10 } }]);
 * await main(['stats', '--db', db, '--from', iso(T0), '--to', iso(T0 + 60_000)], io);
 */
import type { Sample } from '../../../shared/sample.js';
import { MetricStore } from '../../engine/store/metric-store.js';

export async function storeSamples(file: string, samples: readonly Sample[]): Promise<void> {
  const store = await MetricStore.open(file);
  try {
    for (const sample of samples) store.append(sample);
    store.flush();
  } finally {
    store.close();
  }
}

/** 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

export const iso = (ts: number): string => new Date(ts).toISOString();
