/**
 * A chart without axes (a card's sparkline, the per-core strip), drawn straight onto its canvas.
 * It has the update surface of `TimeSeriesChart` (so a `LiveChartFeed` drives either), but none
 * of Chart.js's per-update machinery: in headless Chromium a compact area chart cost ~1.4 ms per
 * update (option resolution, layout, the filler plugin) against ~0.02 ms for this path, and the
 * Overview redraws all of them every second within its 8 ms budget.
 *
 * Lines break at `y: null`, as in the big charts. Where there are more points than pixels, each
 * pixel column draws its min and max, so a one-second spike stays visible. Colours come from the
 * theme's `--chart-*` variables, re-read by `applyTheme`.
 *
 * @example
 * const spark = new Sparkline(canvas, { series: [{ key: 'cpu.total', label: 'CPU' }], yMax: 100 });
 * spark.append('cpu.total', ts, 12.5);
 * spark.setXRange(ts - 300_000, ts);
 * spark.render();
 */
import { readChartColors, withAlpha } from './chart-theme.js';
import type { ChartSeries, FeedChart, Point } from './chart-types.js';

export interface SparklineOptions {
  series: readonly ChartSeries[];
  /** Fixed top of the scale (100 for percentages); otherwise the largest visible value. */
  yMax?: number | undefined;
  /** Fill the area under each line (default true). */
  area?: boolean;
}

interface SparkSeries {
  key: string;
  color: number;
  points: Point[];
}

const LINE_WIDTH = 1.25;

export class Sparkline implements FeedChart {
  private readonly series: SparkSeries[];
  private readonly context: CanvasRenderingContext2D | null;
  private readonly resizeObserver: ResizeObserver | null = null;
  private palette: string[];
  private from = 0;
  private to = 1;
  /** CSS size, kept by a ResizeObserver so drawing never reads layout. */
  private width: number;
  private height: number;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly options: SparklineOptions,
  ) {
    this.series = options.series.map((s, i) => ({ key: s.key, color: s.color ?? i, points: [] }));
    this.context = canvas.getContext('2d');
    this.palette = readChartColors(canvas).series;
    const box = canvas.parentElement ?? canvas;
    this.width = box.clientWidth;
    this.height = box.clientHeight;
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(([entry]) => {
        if (!entry) return;
        this.width = entry.contentRect.width;
        this.height = entry.contentRect.height;
        this.render();
      });
      this.resizeObserver.observe(box);
    }
  }

  setSeries(key: string, points: Point[]): void {
    const series = this.find(key);
    if (series) series.points = points;
  }

  append(key: string, x: number, y: number | null, gapBefore = false): void {
    const points = this.find(key)?.points;
    if (!points) return;
    if (gapBefore && points.length > 0) points.push({ x: x - 1, y: null });
    points.push({ x, y });
  }

  trimBefore(x: number): void {
    for (const { points } of this.series) {
      let drop = 0;
      while (drop < points.length && points[drop]!.x < x) drop += 1;
      if (drop > 0) points.splice(0, drop);
    }
  }

  setXRange(from: number, to: number): void {
    this.from = from;
    this.to = Math.max(to, from + 1);
  }

  /** The drawing width in CSS pixels (the whole canvas: there are no axes). */
  plotWidth(): number {
    return this.width;
  }

  points(key: string): readonly Point[] {
    return this.find(key)?.points ?? [];
  }

  applyTheme(): void {
    this.palette = readChartColors(this.canvas).series;
    this.render();
  }

  render(): void {
    const ctx = this.context;
    if (!ctx || this.width <= 0 || this.height <= 0) return;
    const ratio = globalThis.devicePixelRatio || 1;
    const pixelWidth = Math.round(this.width * ratio);
    const pixelHeight = Math.round(this.height * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const top = this.options.yMax ?? this.largest();
    // Keep the line inside the canvas: half a stroke of room at the top and bottom.
    const pad = LINE_WIDTH;
    const xScale = this.width / (this.to - this.from);
    const yScale = (this.height - 2 * pad) / (top > 0 ? top : 1);
    const baseline = this.height - pad;
    for (const series of this.series) {
      const color = this.palette[series.color % this.palette.length] ?? '#888';
      this.drawSeries(
        ctx,
        series.points,
        (x) => (x - this.from) * xScale,
        (y) => baseline - y * yScale,
        baseline,
        color,
      );
    }
  }

  destroy(): void {
    this.resizeObserver?.disconnect();
  }

  private drawSeries(
    ctx: CanvasRenderingContext2D,
    points: readonly Point[],
    px: (x: number) => number,
    py: (y: number) => number,
    baseline: number,
    color: string,
  ): void {
    ctx.lineWidth = LINE_WIDTH;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = color;
    ctx.fillStyle = withAlpha(color, 0.15);
    const area = this.options.area ?? true;
    const dense = points.length > 2 * this.width;
    let open = false;
    let firstX = 0;
    let lastX = 0;
    // Dense runs are drawn one pixel column at a time, from its min to its max.
    let column = Number.NaN;
    let low = 0;
    let high = 0;
    const lineTo = (x: number, y: number) => {
      if (!open) {
        ctx.beginPath();
        ctx.moveTo(x, y);
        firstX = x;
        open = true;
      } else ctx.lineTo(x, y);
      lastX = x;
    };
    const flushColumn = () => {
      if (Number.isNaN(column)) return;
      lineTo(column, py(low));
      if (high !== low) lineTo(column, py(high));
      column = Number.NaN;
    };
    const close = () => {
      flushColumn();
      if (!open) return;
      ctx.stroke();
      if (area) {
        ctx.lineTo(lastX, baseline);
        ctx.lineTo(firstX, baseline);
        ctx.closePath();
        ctx.fill();
      }
      open = false;
    };
    for (const p of points) {
      if (p.y === null || !Number.isFinite(p.y)) {
        close();
        continue;
      }
      const x = px(p.x);
      if (!dense) {
        lineTo(x, py(p.y));
        continue;
      }
      const at = Math.round(x);
      if (at !== column) {
        flushColumn();
        column = at;
        low = high = p.y;
      } else {
        low = Math.min(low, p.y);
        high = Math.max(high, p.y);
      }
    }
    close();
  }

  private largest(): number {
    let max = 0;
    for (const { points } of this.series) {
      for (const p of points) if (p.y !== null && p.x >= this.from && p.y > max) max = p.y;
    }
    return max * 1.1;
  }

  private find(key: string): SparkSeries | undefined {
    return this.series.find((s) => s.key === key);
  }
}
