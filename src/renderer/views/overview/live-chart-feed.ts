/**
 * Keeps one live chart in step with the live feed. Each tick appends one point per series in
 * place and slides the window; a resync (backfill, page shown again) or a window change rebuilds
 * the series from the sample buffer once. Nothing here is reactive: at 1 Hz with a dozen charts,
 * per-tick work must stay a few pushes and a redraw (see `dashlight:live-update`).
 *
 * Slow metrics (temperature, battery, disk usage) are not in every sample: for them a missing
 * value is skipped rather than drawn as a break, or their lines would never join.
 *
 * Given the plot's width, a feed skips a redraw while the window has moved less than one pixel
 * since the last one (a 15-minute window on 480 px moves a pixel every ~1.9 s), but never two
 * in a row; feeds take turns (`phase`), so charts that skip do not all draw on the same tick.
 *
 * @example
 * const feed = new LiveChartFeed(chart, [{ key: 'cpu.total', label: 'CPU' }], live.buffer, 15 * 60_000);
 * feed.rebuild();
 * const stop = live.subscribe(feed);
 */
import { metricInfo } from '../../../shared/metrics.js';
import type { Sample } from '../../../shared/sample.js';
import type { ChartSeries, Point, TimeSeriesChart } from '../../lib/charts/time-series-chart.js';
import type { LiveListener } from '../../lib/state/live.svelte.js';

/** The part of `TimeSeriesChart` a feed drives. */
export type FeedChart = Pick<TimeSeriesChart, 'setSeries' | 'append' | 'trimBefore' | 'setXRange' | 'render'>;

/** Where a rebuild reads from: `live.buffer`, or anything with the same two members. */
export interface SampleSource {
  since(from: number): readonly Sample[];
  readonly last: Sample | undefined;
}

export interface FeedOptions {
  /** Called after each rebuild (not per tick), e.g. to refresh a table view. */
  onRebuild?: () => void;
  /** The plot area's width in pixels (0 when unknown): enables skipping sub-pixel redraws. */
  plotWidth?: () => number;
  /** Which ticks this feed may skip: 0 or 1 (alternate between charts). */
  phase?: number;
  now?: () => number;
}

export class LiveChartFeed implements LiveListener {
  private readonly keys: string[];
  private readonly slow: boolean[];
  /** Per series: a gap was seen while a slow series had no value, so its next point starts a new line. */
  private readonly gapPending: boolean[];
  private readonly allSlow: boolean;
  private renderedAt = Number.NEGATIVE_INFINITY;
  private ticks = 0;
  /** Set when the last tick skipped its redraw: the next one draws. */
  private skipped = false;

  constructor(
    private readonly chart: FeedChart,
    series: readonly ChartSeries[],
    private readonly source: SampleSource,
    private windowMs: number,
    private readonly options: FeedOptions = {},
  ) {
    this.keys = series.map((s) => s.key);
    this.slow = this.keys.map((key) => metricInfo(key)?.cadence === 'slow');
    this.gapPending = this.keys.map(() => false);
    this.allSlow = this.slow.every(Boolean);
  }

  get window(): number {
    return this.windowMs;
  }

  /** One tick: append, slide, redraw. The sample's own time is "now", so both ends agree. */
  sample(sample: Sample): void {
    const { ts, values } = sample;
    const gap = sample.gapBefore === true;
    let appended = false;
    for (let i = 0; i < this.keys.length; i += 1) {
      const key = this.keys[i]!;
      const value = values[key];
      if (value === undefined && this.slow[i]) {
        if (gap) this.gapPending[i] = true;
        continue;
      }
      this.chart.append(key, ts, value ?? null, gap || this.gapPending[i]);
      this.gapPending[i] = false;
      if (value !== undefined) appended = true;
    }
    // A chart of slow metrics only moves when one of them was measured.
    if (this.allSlow && !appended) return;
    const from = ts - this.windowMs;
    this.chart.trimBefore(from);
    this.ticks += 1;
    if (this.mayWait(ts, gap)) {
      this.skipped = true;
      return;
    }
    this.skipped = false;
    this.renderedAt = ts;
    this.chart.setXRange(from, ts);
    this.chart.render();
  }

  resync(): void {
    this.rebuild();
  }

  /** Shows a different span; the buffer holds the last hour, so no request is needed. */
  setWindow(ms: number): void {
    if (ms === this.windowMs) return;
    this.windowMs = ms;
    this.rebuild();
  }

  /** Replaces every series with what the buffer holds for the window. */
  rebuild(): void {
    const to = Math.max((this.options.now ?? Date.now)(), this.source.last?.ts ?? 0);
    const from = to - this.windowMs;
    const samples = this.source.since(from);
    this.keys.forEach((key, i) => this.chart.setSeries(key, pointsOf(samples, key, this.slow[i]!)));
    this.gapPending.fill(false);
    this.chart.setXRange(from, to);
    this.chart.render();
    this.renderedAt = to;
    this.skipped = false;
    this.options.onRebuild?.();
  }

  /** True when this tick's redraw would move the picture by less than a pixel and may wait one tick. */
  private mayWait(ts: number, gap: boolean): boolean {
    const width = this.options.plotWidth?.() ?? 0;
    if (width <= 0 || gap || this.skipped) return false;
    if ((this.ticks + (this.options.phase ?? 0)) % 2 !== 0) return false;
    return ts - this.renderedAt < this.windowMs / width;
  }
}

/** One series out of buffered samples, with the same gap rules as the per-tick path. */
export function pointsOf(samples: readonly Sample[], key: string, slow: boolean): Point[] {
  const points: Point[] = [];
  let gap = false;
  for (const sample of samples) {
    gap ||= sample.gapBefore === true;
    const value = sample.values[key];
    if (value === undefined && slow) continue;
    if (gap && points.length > 0) points.push({ x: sample.ts - 1, y: null });
    gap = false;
    points.push({ x: sample.ts, y: value ?? null });
  }
  return points;
}
