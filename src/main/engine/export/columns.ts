/**
 * Which series an export holds, in which order, and what its columns are called.
 *
 * - Selection: a metric name without an entity (`net.rx`) selects every `net.rx[…]` series and
 *   the machine-wide `net.rx` itself; a full key (`net.rx[eth0]`) selects just that series.
 *   `null` selects everything the store has ever recorded.
 * - Order: machine-wide series first, then per-entity ones grouped by metric; names compare
 *   numbers by value (`cpu.core[2]` before `cpu.core[10]`), so the order is stable and readable.
 * - Names: `<seriesKey>_<unitSuffix>` (`cpu.total_pct`, `net.rx[eth0]_bytes_per_s`, `load.1`);
 *   aggregated tiers give `<name>_avg`, `<name>_min`, `<name>_max` per series.
 *
 * @example
 * selectSeries(['net.rx[wlan0]', 'cpu.total', 'net.rx[eth0]', 'net.rx'], ['net.rx'])
 * // ['net.rx', 'net.rx[eth0]', 'net.rx[wlan0]']
 * valueColumns(['cpu.total'], '1m') // ['cpu.total_pct_avg', 'cpu.total_pct_min', 'cpu.total_pct_max']
 */
import { metricInfo, parseSeriesKey } from '../../../shared/metrics.js';
import type { Tier } from '../../../shared/queries.js';
import { unitSuffix } from '../../../shared/units.js';

/** The time columns that open every export (CSV and NDJSON; JSON rows keep only `ts_ms`). */
export const TIME_COLUMNS = ['ts', 'ts_ms'] as const;

/** Per-series columns of an aggregated tier, in this order. */
export const AGGREGATE_PARTS = ['avg', 'min', 'max'] as const;

/** The known series the request selects, in export order. */
export function selectSeries(known: readonly string[], metrics: readonly string[] | null): string[] {
  let chosen = [...new Set(known)];
  if (metrics !== null) {
    const exact = new Set<string>();
    const whole = new Set<string>();
    for (const wanted of metrics) {
      if (parseSeriesKey(wanted).entity === undefined) whole.add(wanted);
      else exact.add(wanted);
    }
    chosen = chosen.filter((key) => exact.has(key) || whole.has(parseSeriesKey(key).metric));
  }
  return chosen.sort(compareSeries);
}

/** Export order: machine-wide before per-entity, then by metric, then by entity, numbers by value. */
export function compareSeries(a: string, b: string): number {
  const pa = parseSeriesKey(a);
  const pb = parseSeriesKey(b);
  const wideA = pa.entity === undefined ? 0 : 1;
  const wideB = pb.entity === undefined ? 0 : 1;
  if (wideA !== wideB) return wideA - wideB;
  return naturalCompare(pa.metric, pb.metric) || naturalCompare(pa.entity ?? '', pb.entity ?? '');
}

/** The column name of a series' values: key plus unit suffix when the unit has one. */
export function columnName(key: string): string {
  const suffix = unitSuffix(metricInfo(key)?.unit);
  if (!suffix) return key;
  // `mem.percent` and `fs.used_pct` already say their unit: no `mem.percent`.
  const { metric } = parseSeriesKey(key);
  if (suffix === 'pct' && /(_pct|\.percent)$/.test(metric)) return key;
  // Newer metrics carry their unit in the name (`sensor.temp_celsius`, `cpu.freq_hz`).
  if (metric.endsWith(`_${suffix}`)) return key;
  return `${key}_${suffix}`;
}

/** The value columns (after the time columns) for the series of a tier. */
export function valueColumns(keys: readonly string[], tier: Tier): string[] {
  if (tier === 'raw') return keys.map(columnName);
  return keys.flatMap((key) => AGGREGATE_PARTS.map((part) => `${columnName(key)}_${part}`));
}

const DIGITS = /(\d+)/;

/**
 * Compares strings with runs of digits compared by numeric value (`eth2` < `eth10`); ties in
 * value (`01` vs `1`) and everything else compare by code unit, so the order is total and stable.
 */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(DIGITS);
  const pb = b.split(DIGITS);
  const n = Math.min(pa.length, pb.length);
  // split() with a capture group alternates text (even indexes) and digit runs (odd indexes).
  for (let i = 0; i < n; i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) {
      const byValue = compareDigits(x, y);
      if (byValue !== 0) return byValue;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares two digit runs by value without parsing (they may exceed 2^53). */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
