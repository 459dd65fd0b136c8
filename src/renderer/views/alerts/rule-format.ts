/**
 * Rules and alert values in words, for the tables: "above 80 % (warning) / 90 % (critical) for
 * 2 min", "Filesystem used · /home", "full in 12 h".
 *
 * @example
 * conditionText(rule) // 'above 80 % (warning) / 90 % (critical) for 2 min'
 * formatSpan(5_400_000) // '1 h 30 min'
 */
import type { AlertRule } from '../../../shared/alert-rules.js';
import { describeProcessRule, PROCESS_SERIES } from '../../../shared/process-rule-text.js';
import { metricInfo, parseSeriesKey, type Unit } from '../../../shared/metrics.js';
import { formatUnit, formatValue } from '../../../shared/units.js';

const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
/** Thresholds are what a person typed: 80 stays "80", not the readings' "80.0". */
const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

const SPAN_UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
] as const;

/** A duration for people, at most two units: '2 min', '1 h 30 min', '45 s'; '< 1 s' below a second. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return ms > 0 ? '< 1 s' : '0 s';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [unit, size] of SPAN_UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(' ');
}

/** What one entity of a per-entity metric is called, by the metric's family. */
const ENTITY_WORDS: Readonly<Record<string, string>> = {
  cpu: 'each core',
  net: 'each interface',
  disk: 'each disk',
  fs: 'each mount',
  gpu: 'each GPU',
};

/**
 * What a series is: the catalogue label, its key, and the entity; a per-entity metric without
 * one watches each of them ('each mount', 'each interface').
 */
export function describeSeries(series: string): { label: string; metric: string; entity: string | null } {
  const { metric, entity } = parseSeriesKey(series);
  const process = PROCESS_SERIES[metric];
  if (process) return { label: process.label, metric, entity: entity ?? null };
  const info = metricInfo(series);
  const every = ENTITY_WORDS[metric.split('.')[0]!] ?? 'each one';
  return {
    label: info?.label ?? metric,
    metric,
    entity: entity ?? (info?.perEntity ? every : null),
  };
}

/** The rule's condition in one line. */
export function conditionText(rule: AlertRule): string {
  if (rule.kind === 'forecast') return `reaches 100 % within ${formatSpan(rule.within)} (${rule.severity})`;
  if (rule.kind === 'process') return describeProcessRule(rule);
  const unit = metricInfo(rule.metric)?.unit;
  const levels: string[] = [];
  if (rule.warning !== null) levels.push(`${formatThreshold(unit, rule.warning)} (warning)`);
  if (rule.critical !== null) levels.push(`${formatThreshold(unit, rule.critical)} (critical)`);
  let text = `${rule.comparator} ${levels.join(' / ')}`;
  if (rule.for > 0) text += ` for ${formatSpan(rule.for)}`;
  if (rule.when) text += `, only while ${describeSeries(rule.when.metric).label} = ${rule.when.equals}`;
  return text;
}

/** A threshold in its unit, without padding zeros: '80 %', '2.5 °C', '1 GiB'. */
export function formatThreshold(unit: Unit | undefined, value: number): string {
  if (unit === 'percent') return `${plain.format(value)} %`;
  if (unit === 'celsius') return `${plain.format(value)} °C`;
  if (unit === undefined || unit === 'load') return plain.format(value);
  return formatUnit(unit, value);
}

/** An instance's reading: a forecast rule's value is hours until full, anything else is in the series' unit. */
export function formatAlertValue(kind: AlertRule['kind'] | undefined, series: string, value: number | null): string {
  if (kind === 'forecast') return value === null ? '–' : `full in ${formatSpan(value * 3_600_000)}`;
  const process = PROCESS_SERIES[parseSeriesKey(series).metric];
  if (process) return formatUnit(process.unit, value);
  return formatValue(series, value);
}

const UNIT_HINTS: Record<string, string> = {
  percent: 'In %.',
  bytes: 'In bytes.',
  bytes_per_second: 'In bytes per second.',
  celsius: 'In °C.',
  seconds: 'In seconds.',
  boolean: '1 = yes, 0 = no.',
  watts: 'In watts.',
  watt_hours: 'In watt-hours.',
  hertz: 'In hertz (3.2 GHz = 3200000000).',
  rpm: 'In revolutions per minute.',
  count: 'A count.',
};

/** What a threshold for this metric is measured in, for the editor's hints. */
export function unitHint(metric: string): string | undefined {
  const unit = metricInfo(metric)?.unit;
  return unit ? UNIT_HINTS[unit] : undefined;
}
