/**
 * The charts' small vocabulary, shared by the Chart.js chart, the canvas sparkline and what feeds
 * them: a point, a named series, and the update surface a live feed drives.
 *
 * @example
 * const series: ChartSeries = { key: 'cpu.total', label: 'CPU busy', color: 0 };
 * const point: Point = { x: Date.now(), y: 12.5 };
 */

/** One reading: `x` in epoch ms, `y` null for a gap. */
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

/** What a live feed calls on a chart, whichever kind draws it. */
export interface FeedChart {
  /** Replaces one series' points (and band, where the chart draws one). */
  setSeries(key: string, points: Point[], band?: { min: Point[]; max: Point[] } | null): void;
  /** Appends one point; `gapBefore` breaks the line before it. */
  append(key: string, x: number, y: number | null, gapBefore?: boolean): void;
  /** Drops points older than `x` from every series. */
  trimBefore(x: number): void;
  setXRange(from: number, to: number): void;
  render(): void;
  /** The plot area's width in CSS pixels (0 before the first layout). */
  plotWidth(): number;
  /** The points a series holds now, for the table view. */
  points(key: string): readonly Point[];
  /** Re-reads the theme's colours and redraws. */
  applyTheme(): void;
  destroy(): void;
}

/** The colour index of a series: its own, or its position. */
export function colorIndex(series: ChartSeries, position: number): number {
  return series.color ?? position;
}
