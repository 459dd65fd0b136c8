/**
 * The Overview's live process list: the latest `processes` event (and `liveProcesses` when the
 * view opens, so it does not wait for the next pass), and how the table is sorted.
 *
 * @example
 * const processes = app.view(LiveProcessesState);
 * const stop = processes.watch(); // on mount; stop() on destroy
 */
import type { LiveProcesses } from '../../../shared/processes.js';
import type { AppState } from '../../lib/app-context.js';
import { liveAppRows } from '../../lib/processes/app-rows.js';

export class LiveProcessesState {
  latest = $state.raw<LiveProcesses | null>(null);
  sortBy = $state<'cpu' | 'memory'>('cpu');
  /** The engine answered and has no process list (process sampling off, or before its first pass). */
  none = $state(false);
  readonly rows = $derived(liveAppRows(this.latest, this.sortBy));

  constructor(private readonly app: AppState) {}

  /** Loads the latest pass and follows the events; returns the function that stops. */
  watch(): () => void {
    const client = this.app.client;
    const stop = client.on('processes', (live) => {
      this.latest = live;
      this.none = false;
    });
    client.liveProcesses().then(
      (live) => {
        if (live) this.latest = live;
        this.none = live === null && this.latest === null;
      },
      () => {},
    );
    return stop;
  }
}
