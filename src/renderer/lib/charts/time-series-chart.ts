/**
 * A line chart over time that is created once and then updated in place: points are replaced or
 * appended to the datasets' own arrays and redrawn with `update('none')`, never re-created per
 * tick. `parsing: false`, no animation, and min/max decimation keep a 1-year view cheap.
 *
 * Gaps are `y: null` points with `spanGaps: false`, so a hole in the record is a break, never a
 * line. With `band: true` each series also gets its min and max drawn as a shaded band.
 *
 * @example
 * const chart = new TimeSeriesChart(canvas, { unit: 'percent', yMax: 100, series: [{ key: 'cpu.total', label: 'CPU' }] });
 * chart.setSeries('cpu.total', points);
 * chart.setXRange(from, to);
 * chart.render();
 */
import type { Chart, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import type { Unit } from '../../../shared/metrics.js';
import { formatUnit } from '../../../shared/units.js';
import { formatDateTime, formatTimeUtc } from '../format/dates.js';
import { bandColumnsPlugin, type Band } from './band-columns.js';
import { registerCharts } from './chart-setup.js';
import { readChartColors, withAlpha, type ChartColors } from './chart-theme.js';
import { colorIndex, type ChartSeries, type FeedChart, type Point } from './chart-types.js';
import type { TimeRange } from '../range/time-range.js';
import { tuneForLive } from './live-tuning.js';
import { timeAxisHooks } from './time-axis.js';
import { byteAxisHooks, formatAxis, isByteUnit } from './value-axis.js';

export type { ChartSeries, Point } from './chart-types.js';

export interface TimeSeriesChartOptions {
  unit: Unit;
  series: readonly ChartSeries[];
  yMin?: number;
  yMax?: number;
  /** Reserve a min/max band per series (for aggregated history). */
  band?: boolean;
  /**
   * Draw the band as one filled column per pixel instead of an area between the min and max lines:
   * the same picture for dense data, but many times cheaper to rasterise when a long range
   * zigzags (a year of daily cycles), where the area's path crosses each scanline hundreds of times.
   */
  bandColumns?: boolean;
  /** Line width in CSS pixels (default 1.5; 1.25 compact). 1 is drawn as a hairline, the cheapest stroke. */
  lineWidth?: number;
  /** Fill the area under each line (live cards' look). */
  area?: boolean;
  /** Hide axes and tooltips: a sparkline. */
  compact?: boolean;
  /** Min/max decimation of dense series (default true); see `setDecimation`. */
  decimation?: boolean;
  /** Redrawn every second (the Overview): memoised labels, ticks inside the window only. */
  live?: boolean;
  plugins?: Plugin<'line'>[];
}

type LineDataset = ChartDataset<'line', Point[]>;

interface SeriesDatasets {
  line: LineDataset;
  min?: LineDataset;
  max?: LineDataset;
}

export class TimeSeriesChart implements FeedChart {
  private readonly chart: Chart<'line', Point[]>;
  private readonly datasets = new Map<string, SeriesDatasets>();
  private colors: ChartColors;
  /** The series drawn now: `options.series` until `setSeriesList` changes them. */
  private series: readonly ChartSeries[];

  constructor(
    canvas: HTMLCanvasElement,
    private readonly options: TimeSeriesChartOptions,
  ) {
    const ChartImpl = registerCharts();
    this.colors = readChartColors(canvas);
    this.series = options.series;
    const all = this.buildDatasets(options.series);
    const timeAxis = timeAxisHooks();

    this.chart = new ChartImpl<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: all },
      plugins: [
        ...(options.plugins ?? []),
        ...(options.band && options.bandColumns ? [bandColumnsPlugin(() => this.bands())] : []),
      ],
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        // Room for the top tick's label, which sits on the plot's top edge.
        layout: { padding: { top: options.compact ? 0 : 6 } },
        events: options.compact ? [] : ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
        scales: {
          x: {
            type: 'time',
            display: !options.compact,
            // Ticks come from `timeTicks` below; a fixed coarse unit keeps Chart.js from generating
            // and measuring its own candidate ticks on every (live, 1 Hz) update.
            time: { unit: 'year' },
            // Round local times, spaced for the axis's width (see time-axis.ts), instead of Chart.js's own.
            afterBuildTicks: timeAxis.afterBuildTicks,
            ticks: { color: this.colors.text, maxRotation: 0, autoSkipPadding: 16, callback: timeAxis.label },
            grid: { color: this.colors.grid },
          },
          y: {
            display: !options.compact,
            min: options.yMin ?? 0,
            ...(options.yMax !== undefined ? { max: options.yMax } : {}),
            ...(isByteUnit(options.unit) ? byteAxisHooks() : {}),
            ticks: {
              color: this.colors.text,
              maxTicksLimit: 5,
              callback: (value) => formatAxis(options.unit, Number(value)),
            },
            grid: { color: this.colors.grid },
          },
        },
        plugins: {
          legend: { display: false },
          decimation: { enabled: options.decimation ?? true, algorithm: 'min-max' },
          tooltip: {
            enabled: !options.compact,
            filter: (item) => !String(item.dataset.label ?? '').match(/ (min|max)$/),
            callbacks: {
              title: (items) => (items[0] ? formatDateTime(items[0].parsed.x ?? 0) : ''),
              label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${formatUnit(options.unit, item.parsed.y)}`,
              footer: (items) => (items[0] ? `UTC ${formatTimeUtc(items[0].parsed.x ?? 0)}` : ''),
            },
          },
        },
      },
    });
    if (options.live) tuneForLive(this.chart);
  }

  /**
   * Changes which series the chart draws without re-creating it (the history view's metric picker):
   * series kept keep their points, new ones start empty, dropped ones go. Call `render()` after.
   */
  setSeriesList(series: readonly ChartSeries[]): void {
    const same =
      series.length === this.series.length &&
      series.every((s, i) => s.key === this.series[i]!.key && s.label === this.series[i]!.label);
    if (same) return;
    const keep = new Map(this.datasets);
    this.datasets.clear();
    this.series = series;
    this.chart.data.datasets = this.buildDatasets(series, keep);
  }

  /** Datasets for `series` (band first, then line), registered by key; `keep` supplies existing points. */
  private buildDatasets(list: readonly ChartSeries[], keep?: ReadonlyMap<string, SeriesDatasets>): LineDataset[] {
    const all: LineDataset[] = [];
    list.forEach((series, i) => {
      const previous = keep?.get(series.key);
      const color = this.colorOf(series, i);
      const line: LineDataset = {
        label: series.label,
        data: previous ? source(previous.line) : [],
        borderColor: color,
        backgroundColor: this.options.area ? withAlpha(color, 0.15) : color,
        fill: this.options.area ? 'origin' : false,
        borderWidth: this.options.lineWidth ?? (this.options.compact ? 1.25 : 1.5),
        pointRadius: 0,
        pointHitRadius: 6,
        spanGaps: false,
        normalized: true,
      };
      const entry: SeriesDatasets = { line };
      if (this.options.band) {
        // Drawn first so the line sits on top; `max` fills down to `min` (the dataset before it).
        entry.min = {
          label: `${series.label} min`,
          data: previous?.min ? source(previous.min) : [],
          borderWidth: 0,
          pointRadius: 0,
          fill: false,
          spanGaps: false,
          normalized: true,
        };
        entry.max = {
          label: `${series.label} max`,
          data: previous?.max ? source(previous.max) : [],
          borderWidth: 0,
          pointRadius: 0,
          fill: this.options.bandColumns ? false : '-1',
          backgroundColor: withAlpha(color, 0.18),
          spanGaps: false,
          normalized: true,
        };
        all.push(entry.min, entry.max);
      }
      all.push(line);
      this.datasets.set(series.key, entry);
    });
    return all;
  }

  /** Replaces one series' points (and band), e.g. with a `history` answer. */
  setSeries(key: string, points: Point[], band?: { min: Point[]; max: Point[] } | null): void {
    const entry = this.datasets.get(key);
    if (!entry) return;
    entry.line.data = points;
    if (entry.min && entry.max) {
      entry.min.data = band?.min ?? [];
      entry.max.data = band?.max ?? [];
    }
  }

  /** Appends one point; `gapBefore` inserts a break so the line does not join across a hole. */
  append(key: string, x: number, y: number | null, gapBefore = false): void {
    const line = this.datasets.get(key)?.line;
    if (!line) return;
    const data = source(line);
    if (gapBefore && data.length > 0) data.push({ x: x - 1, y: null });
    data.push({ x, y });
  }

  /** Drops points older than `x` from every series (the live window sliding on). */
  trimBefore(x: number): void {
    for (const { line, min, max } of this.datasets.values()) {
      for (const dataset of [line, min, max]) {
        if (!dataset) continue;
        const data = source(dataset);
        let drop = 0;
        while (drop < data.length && data[drop]!.x < x) drop += 1;
        if (drop > 0) data.splice(0, drop);
      }
    }
  }

  setXRange(from: number, to: number): void {
    const x = this.chart.options.scales!.x!;
    x.min = from;
    x.max = to;
  }

  /**
   * Turns min/max decimation on or off (from the next render). Off saves the plugin's per-update
   * scan where a series can never hold more points than it would keep (short live windows).
   */
  setDecimation(enabled: boolean): void {
    this.chart.options.plugins!.decimation!.enabled = enabled;
  }

  /** Redraws synchronously without animation. */
  render(): void {
    this.chart.update('none');
  }

  /** Re-reads colours after a theme change. */
  applyTheme(): void {
    this.colors = readChartColors(this.chart.canvas);
    this.series.forEach((series, i) => {
      const entry = this.datasets.get(series.key)!;
      const color = this.colorOf(series, i);
      entry.line.borderColor = color;
      entry.line.backgroundColor = this.options.area ? withAlpha(color, 0.15) : color;
      if (entry.max) entry.max.backgroundColor = withAlpha(color, 0.18);
    });
    const scales = this.chart.options.scales!;
    for (const axis of [scales.x!, scales.y!]) {
      axis.ticks!.color = this.colors.text;
      axis.grid!.color = this.colors.grid;
    }
    this.render();
  }

  /** The plot area's width in CSS pixels (0 before the first layout). */
  plotWidth(): number {
    return this.chart.chartArea?.width ?? 0;
  }

  /** The canvas's width in CSS pixels, for a point budget. */
  canvasWidth(): number {
    return Math.max(this.chart.canvas.clientWidth, this.chart.width);
  }

  /** The points of a series (or of its band's `min`/`max`), for the table view. */
  points(key: string, part: 'line' | 'min' | 'max' = 'line'): readonly Point[] {
    const dataset = this.datasets.get(key)?.[part];
    return dataset ? source(dataset) : [];
  }

  /** The x axis's span as last set. */
  xRange(): TimeRange {
    const x = this.chart.options.scales!.x!;
    return { from: Number(x.min), to: Number(x.max) };
  }

  destroy(): void {
    this.chart.destroy();
  }

  /** Each series' band as the band-columns plugin draws it. */
  private bands(): Band[] {
    const bands: Band[] = [];
    for (const { min, max } of this.datasets.values()) {
      if (min && max) bands.push({ lows: source(min), highs: source(max), color: String(max.backgroundColor) });
    }
    return bands;
  }

  private colorOf(series: ChartSeries, index: number): string {
    const palette = this.colors.series;
    return palette[colorIndex(series, index) % palette.length]!;
  }
}

/**
 * The points a dataset really holds. While Chart.js's decimation plugin is active it swaps
 * `dataset.data` for a getter returning the decimated copy (rebuilt on every update) and keeps the
 * original in `_data`; appending to or trimming the copy would be lost on the next render.
 */
function source(dataset: LineDataset): Point[] {
  return (dataset as LineDataset & { _data?: Point[] })._data ?? dataset.data;
}
