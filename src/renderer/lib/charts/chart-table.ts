/**
 * The table behind a chart, for screen readers and for anyone who wants the numbers: one row
 * per time, one column per series, in local time with units.
 *
 * @example
 * chartTable(chart, series, 'percent') // { columns: ['Time', 'CPU'], rows: [['14:03:07', '12.0 %'], …] }
 */
import type { Unit } from '../../../shared/metrics.js';
import type { HistorySeries } from '../../../shared/queries.js';
import { formatDateTime } from '../format/dates.js';
import { formatUnit } from '../../../shared/units.js';
import type { ChartSeries, FeedChart, Point } from './chart-types.js';

export interface TableData {
  columns: string[];
  rows: string[][];
  /** Set when rows were cut to keep the table usable. */
  truncated?: number;
}

export const MAX_TABLE_ROWS = 2000;

export function chartTable(
  chart: Pick<FeedChart, 'points'> | null,
  series: readonly ChartSeries[],
  unit: Unit,
): TableData {
  const columns = ['Time', ...series.map((s) => s.label)];
  if (!chart) return { columns, rows: [] };
  const byTime = new Map<number, (number | null)[]>();
  series.forEach((s, column) => {
    for (const point of chart.points(s.key)) {
      if (point.y === null) continue;
      let row = byTime.get(point.x);
      if (!row) byTime.set(point.x, (row = series.map(() => null)));
      row[column] = point.y;
    }
  });
  const times = [...byTime.keys()].sort((a, b) => b - a);
  const shown = times.slice(0, MAX_TABLE_ROWS);
  return {
    columns,
    rows: shown.map((t) => [formatDateTime(t), ...byTime.get(t)!.map((v) => formatUnit(unit, v))]),
    ...(times.length > shown.length ? { truncated: times.length - shown.length } : {}),
  };
}

/** A history column as chart points (a null average is a gap) and, when aggregated, its band. */
export function historyPoints(series: HistorySeries | undefined): {
  line: Point[];
  band: { min: Point[]; max: Point[] } | null;
} {
  if (!series) return { line: [], band: null };
  const line = series.t.map((x, i) => ({ x, y: series.avg[i] ?? null }));
  const band =
    series.min && series.max
      ? {
          min: series.t.map((x, i) => ({ x, y: series.min![i] ?? null })),
          max: series.t.map((x, i) => ({ x, y: series.max![i] ?? null })),
        }
      : null;
  return { line, band };
}
