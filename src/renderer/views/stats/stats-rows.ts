/**
 * Pure helpers of the Stats view: the metric table's rows (label, filter,
 * sort) and the data-transferred estimate from the network counters.
 *
 * @example
 * sortRows(filterRows(statsRows(result.metrics), 'net'), 'max', 'descending')
 */
import { metricInfo, parseSeriesKey, seriesKey, type Unit } from '../../../shared/metrics.js';
import type { Summary, Tier } from '../../../shared/queries.js';
import { tierWords } from '../../../shared/tiers.js';
/** "from the 1-minute tier": which stored tier the figures came from. */
export function resolutionText(tier: Tier): string {
  return tier === 'raw' ? 'from raw samples' : `from the ${tierWords(tier)} tier`;
}

export interface StatsRow {
  key: string;
  /** The metric's label, e.g. "Network in". */
  label: string;
  /** The core, interface, disk or mount, when the series has one. */
  entity: string | null;
  summary: Summary;
}

export type SortColumn = 'name' | 'avg' | 'min' | 'max' | 'p95' | 'count';
export type SortDirection = 'ascending' | 'descending';

/** How a label says its unit when two series share the label ("Memory used" in % and in bytes). */
const UNIT_WORDS: Partial<Record<Unit, string>> = {
  percent: '%',
  bytes: 'size',
  bytes_per_second: 'rate',
  celsius: '°C',
  seconds: 'time',
  watts: 'W',
  watt_hours: 'Wh',
  hertz: 'Hz',
  rpm: 'RPM',
};

export function statsRows(metrics: Readonly<Record<string, Summary>>): StatsRow[] {
  const rows = Object.entries(metrics).map(([key, summary]) => {
    const { entity } = parseSeriesKey(key);
    return { key, label: metricInfo(key)?.label ?? key, entity: entity ?? null, summary };
  });
  // Two rows named alike would read as one metric twice: each says its unit instead.
  const named = new Map<string, number>();
  for (const row of rows) named.set(`${row.label}|${row.entity}`, (named.get(`${row.label}|${row.entity}`) ?? 0) + 1);
  return rows.map((row) => {
    const unit = metricInfo(row.key)?.unit;
    const word = unit ? UNIT_WORDS[unit] : undefined;
    return named.get(`${row.label}|${row.entity}`)! > 1 && word ? { ...row, label: `${row.label} (${word})` } : row;
  });
}

/** Keeps rows whose label, entity or key contains the text (any case). */
export function filterRows(rows: readonly StatsRow[], text: string): StatsRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) =>
    [row.label, row.entity ?? '', row.key].some((field) => field.toLowerCase().includes(needle)),
  );
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts a copy; ties (and the name column) fall back to label, then entity in natural order. */
export function sortRows(rows: readonly StatsRow[], column: SortColumn, direction: SortDirection): StatsRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: StatsRow, b: StatsRow) =>
    collator.compare(a.label, b.label) ||
    collator.compare(a.entity ?? '', b.entity ?? '') ||
    a.key.localeCompare(b.key);
  return [...rows].sort((a, b) => {
    if (column === 'name') return sign * byName(a, b);
    return sign * (a.summary[column] - b.summary[column]) || byName(a, b);
  });
}

export interface Transfer {
  /** The interface, or null for a machine-wide counter. */
  entity: string | null;
  received: number | null;
  sent: number | null;
}

/** Loopback traffic never leaves the machine. */
const LOOPBACK = /^(lo\d*|loopback.*)$/i;

/**
 * Bytes received and sent per interface over the range. The since-boot counters give max − min,
 * exact unless the machine rebooted in the range (then it is far too large); the average rate
 * times the span is never fooled by a reset but counts time the machine was off. The smaller of
 * the two is the estimate. Busiest first; empty when the range holds no counters.
 */
export function transfers(metrics: Readonly<Record<string, Summary>>, spanMs = Number.POSITIVE_INFINITY): Transfer[] {
  const byEntity = new Map<string | null, Transfer>();
  for (const [key, summary] of Object.entries(metrics)) {
    const { metric, entity } = parseSeriesKey(key);
    const received = metric === 'net.rx_total';
    if (!received && metric !== 'net.tx_total') continue;
    if (entity !== undefined && LOOPBACK.test(entity)) continue;
    const name = entity ?? null;
    let transfer = byEntity.get(name);
    if (!transfer) byEntity.set(name, (transfer = { entity: name, received: null, sent: null }));
    const rate = metrics[seriesKey(received ? 'net.rx' : 'net.tx', entity)];
    const fromRate = rate && Number.isFinite(spanMs) ? rate.avg * (spanMs / 1000) : Number.POSITIVE_INFINITY;
    const bytes = Math.max(0, Math.min(summary.max - summary.min, fromRate));
    if (received) transfer.received = bytes;
    else transfer.sent = bytes;
  }
  const total = (t: Transfer) => (t.received ?? 0) + (t.sent ?? 0);
  return [...byEntity.values()].sort((a, b) => total(b) - total(a) || collator.compare(a.entity ?? '', b.entity ?? ''));
}
