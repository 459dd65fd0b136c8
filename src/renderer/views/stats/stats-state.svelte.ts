/**
 * The Stats view's state: the chosen range (a preset or a custom From/To), the engine's answer,
 * and the metric table's filter and sort. Kept across navigation, reloaded when the view opens.
 *
 * @example
 * await statsState.choose(getClient(), '7d');
 * statsState.toggleSort('max');
 */
import type { StatsResult } from '../../../shared/queries.js';
import { ClientError } from '../../lib/client/client-error.js';
import type { DashlightClient } from '../../lib/client/client-types.js';
import { fromLocalInput, toLocalInput } from '../../lib/format/dates.js';
import {
  filterRows,
  presetRange,
  sortRows,
  statsRows,
  type PresetId,
  type SortColumn,
  type SortDirection,
  type TimeRange,
} from './stats-rows.js';

export type RangeChoice = PresetId | 'custom';

/** Messages for the custom range's fields, by field. */
export type RangeErrors = Partial<Record<'from' | 'to', string>>;

export class StatsState {
  choice = $state<RangeChoice>('24h');
  /** The range of the last request. */
  range = $state.raw<TimeRange | null>(null);
  customFrom = $state('');
  customTo = $state('');
  rangeErrors = $state.raw<RangeErrors>({});
  result = $state.raw<StatsResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  filter = $state('');
  sortColumn = $state<SortColumn>('name');
  sortDirection = $state<SortDirection>('ascending');
  allRows = $derived(statsRows(this.result?.metrics ?? {}));
  rows = $derived(sortRows(filterRows(this.allRows, this.filter), this.sortColumn, this.sortDirection));
  /** Answers can arrive out of order; only the newest request may write. */
  private request = 0;

  /** Loads a preset range ending now. */
  choose(client: DashlightClient, preset: PresetId): Promise<void> {
    this.choice = preset;
    this.rangeErrors = {};
    return this.load(client, presetRange(preset, Date.now()));
  }

  /** Shows the From/To fields, filled with the range on screen. */
  openCustom(): void {
    this.choice = 'custom';
    const range = this.range ?? presetRange('24h', Date.now());
    if (!this.customFrom) this.customFrom = toLocalInput(range.from);
    if (!this.customTo) this.customTo = toLocalInput(range.to);
  }

  /** Validates From/To and loads them; resolves without a request when they are wrong. */
  applyCustom(client: DashlightClient): Promise<void> {
    const from = fromLocalInput(this.customFrom);
    const to = fromLocalInput(this.customTo);
    const errors: RangeErrors = {};
    if (Number.isNaN(from)) errors.from = 'Enter a start date and time.';
    if (Number.isNaN(to)) errors.to = 'Enter an end date and time.';
    else if (!errors.from && from >= to) errors.to = '“To” must be after “From”.';
    this.rangeErrors = errors;
    if (errors.from || errors.to) return Promise.resolve();
    return this.load(client, { from, to });
  }

  /** Reloads what was chosen last (a preset slides to now). */
  refresh(client: DashlightClient): Promise<void> {
    if (this.choice === 'custom' && this.range) return this.load(client, this.range);
    return this.choose(client, this.choice === 'custom' ? '24h' : this.choice);
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

  async load(client: DashlightClient, range: TimeRange): Promise<void> {
    const request = ++this.request;
    this.range = range;
    this.loading = true;
    try {
      const result = await client.stats({ from: range.from, to: range.to });
      if (request !== this.request) return;
      this.result = result;
      this.error = null;
    } catch (raw) {
      if (request !== this.request) return;
      const failure = ClientError.from(raw);
      this.error = failure.message;
      if (this.choice === 'custom') {
        const issues = failure.issueMap();
        this.rangeErrors = { ...(issues.from ? { from: issues.from } : {}), ...(issues.to ? { to: issues.to } : {}) };
      }
    } finally {
      if (request === this.request) this.loading = false;
    }
  }

  /** Back to the defaults (tests). */
  reset(): void {
    this.request += 1;
    this.choice = '24h';
    this.range = null;
    this.customFrom = '';
    this.customTo = '';
    this.rangeErrors = {};
    this.result = null;
    this.loading = false;
    this.error = null;
    this.filter = '';
    this.sortColumn = 'name';
    this.sortDirection = 'ascending';
  }
}

export const statsState = new StatsState();
