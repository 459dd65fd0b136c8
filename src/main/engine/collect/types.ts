/**
 * The collector contract shared by every per-OS source. A collector turns one reading of the
 * machine into series values; the scheduler merges the values of all collectors into a Sample.
 *
 * @example
 * const values = await collector.collect(performance.now()); // { 'cpu.total': 12.5, ... }
 */

/** Series key (see src/shared/metrics.ts) -> value. A key absent from a reading was not measured then. */
export type Values = Record<string, number>;

export type CollectorCadence = 'hot' | 'slow';

export interface Collector {
  /** Stable short name for logs and per-collector error isolation: 'cpu', 'memory', 'network', 'disk-io', 'mounts', ... */
  readonly name: string;
  readonly cadence: CollectorCadence;
  /** Reads once. `monoMs` is a monotonic timestamp (performance.now()-like) used for rate math. */
  collect(monoMs: number): Promise<Values>;
  /** Forget previous counter readings so the next collect primes rates again (called after a gap). */
  reset(): void;
  /** Releases what the collector keeps open between reads (procfs handles); called when sampling stops. */
  close?(): Promise<void>;
}
