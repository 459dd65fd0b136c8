/**
 * The History view's state: the picked range and series (remembered in localStorage), the zoom
 * stack, and the latest `history` answer, drawn into one chart per unit. Charts register here
 * (`attach`) so an answer is drawn into all of them synchronously, inside the paint measure
 * `dashlight:history-paint` that the benchmark reads in Chromium.
 *
 * @example
 * const history = app.view(HistoryState);
 * const close = history.open(router.param);
 * history.range.pick('7d'); history.rangeChanged();
 * history.onZoom(from, to); // what a drag across a chart calls
 */
import { tick } from 'svelte';
import { isKnownSeries, type Unit } from '../../../shared/metrics.js';
import type { HistoryResult } from '../../../shared/queries.js';
import { historyPoints } from '../../lib/charts/chart-table.js';
import type { TimeSeriesChart } from '../../lib/charts/time-series-chart.js';
import { ClientError, type DashlightClient } from '../../lib/client/client.js';
import { PRESETS } from '../../lib/range/presets.js';
import { RangeSelection } from '../../lib/range/range-selection.svelte.js';
import { followsNow, type TimeRange } from '../../lib/range/time-range.js';
import { afterPaint } from './after-paint.js';
import { describeAnswer, firstPointTime, isEmptyAnswer } from './history-answer.js';
import { loadPrefs, savePrefs } from './history-prefs.js';
import { DEFAULT_PRESET, describeRange, fitRange, maxPointsFor, zoomIn, zoomOut } from './history-range.js';
import { DEFAULT_SERIES, metricGroups, unitGroups } from './metric-catalog.js';
import { TopAppsQuery } from '../../lib/processes/top-apps.svelte.js';
import { contextOf, parseHistoryParam, pointSpan } from './history-span.js';
import type { AppState } from '../../lib/app-context.js';

/** The performance measure around "answer arrived → charts painted". */
export const HISTORY_PAINT_MEASURE = 'dashlight:history-paint';

/** How often a range ending now is re-read while the page is visible. */
export const REFRESH_MS = 60_000;

/** The engine takes at most this many series per query. */
export const MAX_SERIES = 64;

const MAX_ZOOM_DEPTH = 32;

/** Used for the point budget before any chart has a width (the first query on a narrow layout). */
const FALLBACK_WIDTH = 800;

/** An answer whose first point comes this far into the range means the record starts there. */
const FIT_MARGIN = 0.1;

export class HistoryState {
  readonly range = new RangeSelection(PRESETS, { kind: 'preset', id: DEFAULT_PRESET });
  selected = $state.raw<readonly string[]>(DEFAULT_SERIES);
  /** Zoomed spans, innermost last; empty means the picked range is shown. */
  zoomStack = $state.raw<readonly TimeRange[]>([]);
  /** The range asked for last. */
  view = $state.raw<TimeRange>(this.range.resolve(Date.now()));
  result = $state.raw<HistoryResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Series keys this machine reports, for the picker's per-entity options. */
  seen = $state.raw<readonly string[]>([]);
  /** Bumped after every draw, so table views re-read the charts. */
  drawn = $state(0);
  /** The span picked on a chart (a drag, a click, a link); the side panel says who was busy in it. */
  selection = $state.raw<TimeRange | null>(null);
  /** Who was busy in the selection, or in the whole view without one. */
  readonly busy: TopAppsQuery;

  readonly zoomed = $derived(this.zoomStack.length > 0);
  /** The range ends now and follows the clock. */
  readonly followsNow = $derived(followsNow(this.range.choice) && !this.zoomed);
  readonly groups = $derived(unitGroups(this.selected));
  readonly pickerGroups = $derived(metricGroups(this.seen, this.selected));
  readonly answerText = $derived(this.result ? describeAnswer(this.result) : null);
  readonly empty = $derived(this.result !== null && isEmptyAnswer(this.result));
  readonly rangeWords = $derived(describeRange(this.view, this.range.choice, this.zoomed, Date.now()));

  private client: DashlightClient | null = null;
  /** Nothing was remembered (a new install): the first answer may narrow the range to the record. */
  private fitToData = false;
  /** Numbers requests; an answer whose number is no longer the latest is stale and dropped. */
  private seq = 0;
  // Chart instances, not state: nothing renders from this map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly charts = new Map<Unit, TimeSeriesChart>();
  constructor(private readonly app: AppState) {
    this.busy = new TopAppsQuery(app.client);
  }

  /**
   * Starts the view: restores the remembered range and series, adds `param` (a series key from
   * `#/history/<key>`), discovers this machine's series, queries once the charts have mounted, and
   * refreshes every minute while the range follows now. Returns the cleanup.
   */
  open(param: string | null = null): () => void {
    const client = this.app.client;
    this.client = client;
    const prefs = loadPrefs();
    this.fitToData = !prefs.range;
    this.range.restore(prefs.range ?? { kind: 'preset', id: DEFAULT_PRESET });
    this.selected = prefs.series ?? DEFAULT_SERIES;
    const linked = parseHistoryParam(param);
    if (linked.series) this.addSeries(linked.series);
    this.zoomStack = [];
    this.selection = linked.span;
    if (linked.span) this.zoomStack = [contextOf(linked.span, Date.now())];
    this.result = null;
    this.error = null;
    this.loading = false;
    this.view = this.range.resolve(Date.now());
    this.seen = this.app.live.keys();
    this.discover(client);
    const timer = setInterval(() => {
      if (this.followsNow && !this.app.live.hidden) void this.query();
    }, REFRESH_MS);
    // After the first render, so the charts exist and the point budget can follow their width.
    void tick().then(() => {
      if (this.client === client) void this.query();
    });
    return () => {
      clearInterval(timer);
      if (this.client !== client) return;
      this.client = null;
      this.seq += 1;
    };
  }

  /** Selects a series linked to (`#/history/cpu.core%5B0%5D`) if it is not already, and shows a linked span. */
  preselect(param: string | null): void {
    const { series, span } = parseHistoryParam(param);
    const added = series !== null && this.addSeries(series);
    if (span && (this.selection?.from !== span.from || this.selection?.to !== span.to)) {
      this.selection = span;
      if (added) this.persist();
      this.pushZoom(contextOf(span, Date.now()));
    } else if (added) this.selectionChanged();
  }

  toggle(key: string, on: boolean): void {
    if (on ? this.addSeries(key) : this.removeSeries(key)) this.selectionChanged();
  }

  /** The range picker's choice changed (a preset, or applied custom ends): remembered and read. */
  rangeChanged(): void {
    this.fitToData = false;
    this.zoomStack = [];
    this.selection = null;
    this.persist();
    void this.query();
  }

  /** A span dragged across a chart (epoch ms); the drag-zoom plugin calls this. It is also who-was-busy's span. */
  readonly onZoom = (from: number, to: number): void => {
    this.selection = { from, to };
    this.pushZoom(fitRange(from, to, Date.now()));
  };

  /** A point clicked on a chart: who was busy in its bucket. */
  readonly onPick = (ts: number): void => {
    this.selection = pointSpan(ts, this.result?.bucketMs ?? 60_000);
    void this.busy.load(this.selection);
  };

  /** Back to who was busy in the whole view. */
  clearSelection(): void {
    this.selection = null;
    void this.busy.load(this.view);
  }

  zoomIn(): void {
    this.pushZoom(zoomIn(this.view, Date.now()));
  }

  zoomOut(): void {
    this.pushZoom(zoomOut(this.view, Date.now()));
  }

  /** Back to the picked range. */
  resetZoom(): void {
    if (!this.zoomed) return;
    this.zoomStack = [];
    this.selection = null;
    void this.query();
  }

  /** A chart for one unit registers itself; it is drawn now if an answer is already here. */
  attach(unit: Unit, chart: TimeSeriesChart): () => void {
    this.charts.set(unit, chart);
    if (this.result) this.draw(unit, chart);
    return () => {
      if (this.charts.get(unit) === chart) this.charts.delete(unit);
    };
  }

  chartFor(unit: Unit): TimeSeriesChart | undefined {
    return this.charts.get(unit);
  }

  /** Asks for the current range and series; answers to older requests are ignored. */
  async query(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const seq = ++this.seq;
    const range = this.zoomStack.at(-1) ?? this.range.resolve(Date.now());
    this.view = range;
    void this.busy.load(this.selection ?? range);
    if (this.selected.length === 0) {
      this.loading = false;
      this.error = null;
      this.show(null);
      return;
    }
    this.loading = true;
    const series = [...this.selected];
    let result: HistoryResult;
    try {
      result = await client.history({ series, ...range, maxPoints: maxPointsFor(this.canvasWidth()) });
    } catch (error) {
      if (seq !== this.seq) return;
      this.loading = false;
      this.error = ClientError.from(error).message;
      this.show(null);
      return;
    }
    const t0 = performance.now();
    if (seq !== this.seq) return;
    if (this.fitToRecord(result, range)) return;
    this.loading = false;
    this.error = null;
    const points = this.show(result);
    await afterPaint();
    performance.measure(HISTORY_PAINT_MEASURE, {
      start: t0,
      end: performance.now(),
      detail: { points, series: series.length, from: range.from, to: range.to, tier: result.tier },
    });
  }

  /** Keeps an answer and draws it into every chart; returns the points drawn. */
  private show(result: HistoryResult | null): number {
    this.result = result;
    let points = 0;
    for (const [unit, chart] of this.charts) points += this.draw(unit, chart);
    this.drawn += 1;
    return points;
  }

  private draw(unit: Unit, chart: TimeSeriesChart): number {
    const group = this.groups.find((g) => g.unit === unit);
    if (!group) return 0;
    const result = this.result;
    let points = 0;
    for (const { key } of group.series) {
      const { line, band } = historyPoints(result?.series[key]);
      // Raw answers carry no spread, so the band datasets are emptied rather than left stale.
      chart.setSeries(key, line, result?.aggregated ? band : null);
      points += line.length;
    }
    chart.setXRange(this.view.from, this.view.to);
    chart.render();
    return points;
  }

  private selectionChanged(): void {
    this.persist();
    // Charts whose unit stays are updated in place; new units mount their own chart.
    for (const [unit, chart] of this.charts) {
      const group = this.groups.find((g) => g.unit === unit);
      if (!group) continue;
      chart.setSeriesList(group.series);
      this.draw(unit, chart);
    }
    void this.query();
  }

  private addSeries(key: string): boolean {
    if (!isKnownSeries(key) || this.selected.includes(key) || this.selected.length >= MAX_SERIES) return false;
    this.selected = [...this.selected, key];
    return true;
  }

  private removeSeries(key: string): boolean {
    if (!this.selected.includes(key)) return false;
    this.selected = this.selected.filter((k) => k !== key);
    return true;
  }

  private pushZoom(range: TimeRange): void {
    this.zoomStack = [...this.zoomStack, range].slice(-MAX_ZOOM_DEPTH);
    void this.query();
  }

  /**
   * On a new install the default 24 hours would draw a few minutes of data as a line at the right
   * edge: when the first answer starts well into the range, the view opens "since" the first
   * point instead (to the minute, following now) and asks again. Not remembered: the next pick is.
   */
  private fitToRecord(result: HistoryResult, range: TimeRange): boolean {
    if (!this.fitToData || this.zoomed) return false;
    this.fitToData = false;
    const first = firstPointTime(result);
    if (first === null || first - range.from < FIT_MARGIN * (range.to - range.from)) return false;
    this.range.restore({ kind: 'since', from: Math.floor(first / 60_000) * 60_000 });
    void this.query();
    return true;
  }

  /**
   * The series this machine has: those the live feed saw, the latest sample's, and every key of
   * the last hour's statistics (slow ones such as a mount's usage are not in every sample).
   */
  private discover(client: DashlightClient): void {
    const add = (keys: readonly string[]) => {
      if (this.client !== client) return;
      const fresh = keys.filter((key) => !this.seen.includes(key));
      if (fresh.length > 0) this.seen = [...this.seen, ...fresh];
    };
    const now = Date.now();
    // Either may fail: the picker still offers the catalogue's machine-wide series.
    client.latest().then(
      (sample) => sample && add(Object.keys(sample.values)),
      () => {},
    );
    client.stats({ from: now - 3_600_000, to: now }).then(
      (stats) => add(Object.keys(stats.metrics)),
      () => {},
    );
  }

  private persist(): void {
    savePrefs({ range: this.range.choice, series: [...this.selected] });
  }

  /** The widest chart canvas in CSS pixels. */
  private canvasWidth(): number {
    let width = 0;
    for (const chart of this.charts.values()) width = Math.max(width, chart.canvasWidth());
    return width > 0 ? width : FALLBACK_WIDTH;
  }
}
