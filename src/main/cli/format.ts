/**
 * Human output for the CLI. One alignment convention for every table: text left-aligned, numbers
 * right-aligned, and units in a column of their own after the number, so a column of values reads
 * down its last digit whatever the unit. Times are local, with the UTC value beside them.
 *
 * @example
 * table(
 *   [{ header: 'series' }, { header: 'value' }],
 *   [['cpu.total', quantity('cpu.total', 12)], ['mem.used', quantity('mem.used', 512 * 1024 ** 2)]],
 * );
 * // series     value
 * // ---------  -------
 * // cpu.total  12.0 %
 * // mem.used    512 MiB
 */
import { METRICS, metricInfo, parseSeriesKey } from '../../shared/metrics.js';
import type { Sample } from '../../shared/sample.js';
import { naturalCompare } from '../../shared/text-collation.js';
import { countOf, formatCount, formatParts } from '../../shared/units.js';

/** A number and its unit ('' for none), printed in two aligned sub-columns. */
export interface Quantity {
  readonly number: string;
  readonly unit: string;
}

export type Cell = string | Quantity;

export interface Column {
  readonly header: string;
}

/** A series value as number and unit, by the series' metric (`–` when missing). */
export function quantity(key: string, value: number | null | undefined): Quantity {
  return formatParts(metricInfo(key)?.unit, value);
}

/** A plain count, right-aligned like every number. */
export function count(value: number): Quantity {
  return { number: formatCount(value), unit: '' };
}

export { countOf };

const isQuantity = (cell: Cell): cell is Quantity => typeof cell === 'object';
const asQuantity = (cell: Cell): Quantity => (isQuantity(cell) ? cell : { number: cell, unit: '' });

interface ColumnLayout {
  /** Text is left-aligned; a number column right-aligns its numbers and header. */
  readonly numeric: boolean;
  /** Width of the text, or of the numbers. */
  readonly number: number;
  /** Width of the units after the numbers (0: no unit column). */
  readonly unit: number;
}

function layoutOf(header: string, cells: readonly Cell[]): ColumnLayout {
  if (!cells.some(isQuantity)) {
    return { numeric: false, number: Math.max(header.length, ...cells.map((c) => (c as string).length)), unit: 0 };
  }
  const parts = cells.map(asQuantity);
  const unit = Math.max(0, ...parts.map((p) => p.unit.length));
  const number = Math.max(...parts.map((p) => p.number.length), header.length - (unit > 0 ? unit + 1 : 0));
  return { numeric: true, number, unit };
}

const widthOf = (layout: ColumnLayout) => layout.number + (layout.unit > 0 ? layout.unit + 1 : 0);

function cellText(cell: Cell, layout: ColumnLayout): string {
  if (!layout.numeric) return (cell as string).padEnd(layout.number);
  const { number, unit } = asQuantity(cell);
  return number.padStart(layout.number) + (layout.unit > 0 ? ` ${unit.padEnd(layout.unit)}` : '');
}

/**
 * Renders rows under a header and a rule. A column holding any Quantity is a number column: its
 * numbers (and header) are right-aligned, its units left-aligned after them; other columns are
 * left-aligned text. Trailing spaces are trimmed.
 */
export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const layouts = columns.map((column, i) =>
    layoutOf(
      column.header,
      rows.map((row) => row[i] ?? ''),
    ),
  );
  const line = (cells: readonly string[]) => cells.join('  ').trimEnd();
  const header = columns.map(({ header }, i) => {
    const layout = layouts[i]!;
    return (layout.numeric ? header.padStart(layout.number) : header).padEnd(widthOf(layout));
  });
  const rule = layouts.map((layout) => '-'.repeat(widthOf(layout)));
  const body = rows.map((row) => line(layouts.map((layout, i) => cellText(row[i] ?? '', layout))));
  return [line(header), line(rule), ...body].join('\n');
}

/** Local time to the second, e.g. `2026-11-23 07:00:02`. */
export function localTime(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const CATALOGUE_ORDER = new Map(Object.keys(METRICS).map((metric, i) => [metric, i]));

/**
 * Series keys in catalogue order (cpu.total, cpu.user, …, load, memory, network, disks), each
 * metric's entities right after it, in natural order (core 2 before core 10); unknown keys last.
 */
export function sortKeys(keys: readonly string[]): string[] {
  const rank = (key: string) => CATALOGUE_ORDER.get(parseSeriesKey(key).metric) ?? CATALOGUE_ORDER.size;
  return [...keys].sort((a, b) => {
    const byMetric = rank(a) - rank(b);
    if (byMetric !== 0) return byMetric;
    const ea = a.includes('[');
    if (ea !== b.includes('[')) return ea ? 1 : -1;
    return naturalCompare(a, b);
  });
}

/** `sample` and `latest`: one row per series, value and unit aligned. */
export function sampleTable(sample: Sample): string {
  const title = `Sample at ${localTime(sample.ts)} (${new Date(sample.ts).toISOString()})${sample.gapBefore ? ', after a gap' : ''}`;
  const rows = sortKeys(Object.keys(sample.values)).map((key) => [key, quantity(key, sample.values[key])]);
  return `${title}\n${table([{ header: 'series' }, { header: 'value' }], rows)}`;
}

/** What a query prints when there is nothing to show: in the range asked, or at all yet. */
export function nothingStored(ranged: boolean): string {
  return ranged
    ? 'No samples in this range.'
    : 'No samples yet: "dashlight sample" takes one, "dashlight run" samples until stopped.';
}

/** Stable JSON for `--json`: two-space indent, one trailing newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
