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
import { formatAxis, formatUnit } from '../format/units.js';
import { formatDateTime, formatTick, formatTimeUtc } from '../format/time.js';
import { registerCharts } from './chart-setup.js';
import { readChartColors, withAlpha, type ChartColors } from './chart-theme.js';

export interface Point {
  x: number;
  y: number | null;
}

export interface ChartSeries {
  key: string;
  label: string;
  /** Index into the theme's series colours; the series' position by default. */
  color?: number;
}

export interface TimeSeriesChartOptions {
  unit: Unit;
  series: readonly ChartSeries[];
  yMin?: number;
  yMax?: number;
  /** Reserve a min/max band per series (for aggregated history). */
  band?: boolean;
  /** Fill the area under each line (live cards' look). */
  area?: boolean;
  /** Hide axes and tooltips: a sparkline. */
  compact?: boolean;
  plugins?: Plugin<'line'>[];
}

type LineDataset = ChartDataset<'line', Point[]>;

interface SeriesDatasets {
  line: LineDataset;
  min?: LineDataset;
  max?: LineDataset;
}

export class TimeSeriesChart {
  readonly chart: Chart<'line', Point[]>;
  private readonly datasets = new Map<string, SeriesDatasets>();
  private colors: ChartColors;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly options: TimeSeriesChartOptions,
  ) {
    const ChartImpl = registerCharts();
    this.colors = readChartColors(canvas);
    const all: LineDataset[] = [];
    options.series.forEach((series, i) => {
      const color = this.colorOf(series, i);
      const line: LineDataset = {
        label: series.label,
        data: [],
        borderColor: color,
        backgroundColor: options.area ? withAlpha(color, 0.15) : color,
        fill: options.area ? 'origin' : false,
        borderWidth: options.compact ? 1.25 : 1.5,
        pointRadius: 0,
        pointHitRadius: 6,
        spanGaps: false,
        normalized: true,
      };
      const entry: SeriesDatasets = { line };
      if (options.band) {
        // Drawn first so the line sits on top; `max` fills down to `min` (the dataset before it).
        entry.min = {
          label: `${series.label} min`,
          data: [],
          borderWidth: 0,
          pointRadius: 0,
          fill: false,
          spanGaps: false,
          normalized: true,
        };
        entry.max = {
          label: `${series.label} max`,
          data: [],
          borderWidth: 0,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: withAlpha(color, 0.18),
          spanGaps: false,
          normalized: true,
        };
        all.push(entry.min, entry.max);
      }
      all.push(line);
      this.datasets.set(series.key, entry);
    });

    this.chart = new ChartImpl<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: all },
      plugins: options.plugins ?? [],
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        events: options.compact ? [] : ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
        scales: {
          x: {
            type: 'linear',
            display: !options.compact,
            ticks: {
              color: this.colors.text,
              maxRotation: 0,
              autoSkipPadding: 16,
              callback: (value) => formatTick(Number(value), this.span()),
            },
            grid: { color: this.colors.grid },
          },
          y: {
            display: !options.compact,
            min: options.yMin ?? 0,
            ...(options.yMax !== undefined ? { max: options.yMax } : {}),
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
          decimation: { enabled: true, algorithm: 'min-max' },
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
    const data = this.datasets.get(key)?.line.data;
    if (!data) return;
    if (gapBefore && data.length > 0) data.push({ x: x - 1, y: null });
    data.push({ x, y });
  }

  /** Drops points older than `x` from every series (the live window sliding on). */
  trimBefore(x: number): void {
    for (const { line, min, max } of this.datasets.values()) {
      for (const dataset of [line, min, max]) {
        if (!dataset) continue;
        let drop = 0;
        while (drop < dataset.data.length && dataset.data[drop]!.x < x) drop += 1;
        if (drop > 0) dataset.data.splice(0, drop);
      }
    }
  }

  setXRange(from: number, to: number): void {
    const x = this.chart.options.scales!.x!;
    x.min = from;
    x.max = to;
  }

  /** Redraws synchronously without animation. */
  render(): void {
    this.chart.update('none');
  }

  /** Re-reads colours after a theme change. */
  applyTheme(): void {
    this.colors = readChartColors(this.chart.canvas);
    this.options.series.forEach((series, i) => {
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

  /** The points of a series, for the table view. */
  points(key: string): readonly Point[] {
    return this.datasets.get(key)?.line.data ?? [];
  }

  destroy(): void {
    this.chart.destroy();
  }

  private colorOf(series: ChartSeries, index: number): string {
    const palette = this.colors.series;
    return palette[(series.color ?? index) % palette.length]!;
  }

  private span(): number {
    const x = this.chart?.scales?.x;
    return x ? x.max - x.min : 3_600_000;
  }
}
