/**
 * The collectors sampling reads: this OS's (collect/create-collectors.ts, or a test's), plus any a
 * module adds, such as the latency probes. Modules add theirs when built; the sampling module,
 * built last, reads the set.
 *
 * @example
 * services.collectors.add(new ProbeCollector({ clock })); // read every tick from then on
 */
import type { Collector } from '../collect/types.js';

export class CollectorSet {
  readonly hot: Collector[];
  readonly slow: Collector[];

  constructor(initial: { readonly hot: readonly Collector[]; readonly slow: readonly Collector[] }) {
    this.hot = [...initial.hot];
    this.slow = [...initial.slow];
  }

  add(collector: Collector): void {
    (collector.cadence === 'hot' ? this.hot : this.slow).push(collector);
  }
}
