/**
 * One `topProcesses` question kept current: a range and a ranking in, the engine's answer out,
 * with loading and error state. History's side panel and Stats each hold one.
 *
 * @example
 * const busy = new TopAppsQuery(app.client);
 * await busy.load({ from, to });
 * busy.rank('memory'); // asks again for the same range
 */
import type { ProcessRanking, TopProcessesResult } from '../../../shared/processes.js';
import { ClientError } from '../client/client-error.js';
import type { DashlightClient } from '../client/client-types.js';
import type { TimeRange } from '../range/time-range.js';

/** Apps listed: enough to see past the usual suspects. */
export const TOP_APPS_LIMIT = 10;

export class TopAppsQuery {
  by = $state<ProcessRanking>('cpu');
  range = $state.raw<TimeRange | null>(null);
  result = $state.raw<TopProcessesResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Answers can arrive out of order; only the newest request may write. */
  private request = 0;

  constructor(private readonly client: DashlightClient) {}

  async load(range: TimeRange): Promise<void> {
    const request = ++this.request;
    this.range = range;
    this.loading = true;
    try {
      const result = await this.client.topProcesses({
        from: Math.floor(range.from),
        to: Math.ceil(range.to),
        by: this.by,
        limit: TOP_APPS_LIMIT,
      });
      if (request !== this.request) return;
      this.result = result;
      this.error = null;
    } catch (raw) {
      if (request !== this.request) return;
      this.error = ClientError.from(raw).message;
    } finally {
      if (request === this.request) this.loading = false;
    }
  }

  rank(by: ProcessRanking): Promise<void> {
    this.by = by;
    return this.range ? this.load(this.range) : Promise.resolve();
  }
}
