/**
 * The queries module: what has been measured, read back. `latest`, `list`, `history` and `stats`
 * read the store (which merges its write buffer, so a sample is visible the moment it is taken);
 * `rolling` summarises the in-memory rolling windows, fed by the sample stream and refilled from
 * the last hour on disk at start.
 *
 * @example
 * await engine.rolling(); // { windows: { '1m': { 'cpu.total': { avg, min, max, p95, count } }, … } }
 */
import { ROLLING_KEYS } from '../../../shared/metrics.js';
import type { MethodParsedInput } from '../../../shared/contract.js';
import type { Sample } from '../../../shared/sample.js';
import { defineModule, type EngineServices } from '../core/engine-module.js';
import { RollingWindows, WINDOWS } from './rolling-windows.js';

class QueriesModule {
  private readonly rolling = new RollingWindows(ROLLING_KEYS);
  private latestSample: Sample | null = null;

  constructor(private readonly services: EngineServices) {
    services.samples.subscribe('queries', (sample) => {
      this.latestSample = sample;
      this.rolling.push(sample);
    });
  }

  readonly handlers = {
    latest: async () => this.latestSample ?? this.services.store.latest(),
    list: async (input: MethodParsedInput<'list'>) => this.services.store.list(input),
    history: async (input: MethodParsedInput<'history'>) => this.services.store.history(input),
    stats: async (input: MethodParsedInput<'stats'>) => this.services.store.stats(input ?? {}),
    rolling: async () => this.rolling.summarize(this.services.clock.wall()),
  };

  /** The rolling windows live in memory; after a restart they start from the last hour on disk. */
  start(): void {
    const now = this.services.clock.wall();
    const recent = this.services.store.list({ from: now - WINDOWS['60m'], to: now, page: 1, limit: 5000 });
    for (let i = recent.data.length - 1; i >= 0; i--) this.rolling.push(recent.data[i]!);
  }
}

export const queriesModule = defineModule({
  name: 'queries',
  methods: ['latest', 'list', 'history', 'stats', 'rolling'],
  sections: [],
  migrations: {},
  create: (services: EngineServices) => new QueriesModule(services),
});
