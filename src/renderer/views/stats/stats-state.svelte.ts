/**
 * The Stats view's state: the chosen range (lib/range), the engine's answer, and the metric
 * table's filter and sort. Kept across navigation, reloaded when the view opens.
 *
 * @example
 * const stats = app.view(StatsState);
 * stats.range.pick('7d');
 * await stats.refresh();
 * stats.toggleSort('max');
 */
import type { StatsResult } from '../../../shared/queries.js';
import type { AppState } from '../../lib/app-context.js';
import { ClientError } from '../../lib/client/client-error.js';
import { PRESETS } from '../../lib/range/presets.js';
import { RangeSelection } from '../../lib/range/range-selection.svelte.js';
import type { TimeRange } from '../../lib/range/time-range.js';
import { TopAppsQuery } from '../../lib/processes/top-apps.svelte.js';
import { filterRows, sortRows, statsRows, type SortColumn, type SortDirection } from './stats-rows.js';

export class StatsState {
  readonly range = new RangeSelection(PRESETS, { kind: 'preset', id: '24h' });
  /** The range of the last request. */
  shown = $state.raw<TimeRange | null>(null);
  result = $state.raw<StatsResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  filter = $state('');
  sortColumn = $state<SortColumn>('name');
  sortDirection = $state<SortDirection>('ascending');
  allRows = $derived(statsRows(this.result?.metrics ?? {}));
  rows = $derived(sortRows(filterRows(this.allRows, this.filter), this.sortColumn, this.sortDirection));
  /** The range's top apps, from the process history. */
  readonly topApps: TopAppsQuery;
  /** Answers can arrive out of order; only the newest request may write. */
  private request = 0;

  constructor(private readonly app: AppState) {
    this.topApps = new TopAppsQuery(app.client);
  }

  /** Loads what the range picker says now (a preset slides to now). */
  refresh(): Promise<void> {
    return this.load(this.range.resolve(Date.now()));
  }

  /** A click on a column header: the same column flips, another starts with the largest values first. */
  toggleSort(column: SortColumn): void {
    if (this.sortColumn === column) {
      this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    } else {
      this.sortColumn = column;
      this.sortDirection = column === 'name' ? 'ascending' : 'descending';
    }
  }

  async load(range: TimeRange): Promise<void> {
    const request = ++this.request;
    this.shown = range;
    this.loading = true;
    void this.topApps.load(range);
    try {
      const result = await this.app.client.stats({ from: range.from, to: range.to });
      if (request !== this.request) return;
      this.result = result;
      this.error = null;
    } catch (raw) {
      if (request !== this.request) return;
      const failure = ClientError.from(raw);
      this.error = failure.message;
      if (this.range.choice.kind === 'custom') this.range.showIssues(failure.issueMap());
    } finally {
      if (request === this.request) this.loading = false;
    }
  }
}
