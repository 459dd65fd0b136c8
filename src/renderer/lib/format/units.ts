/**
 * Values for people, in the reader's locale: `Intl.NumberFormat` for numbers and percentages,
 * pretty-bytes for sizes and rates. One formatter per shape, created once.
 *
 * @example
 * formatValue('cpu.total', 23.456) // '23.5 %' (en) · '23,5 %' (de)
 * formatValue('net.rx[eth0]', 1_234_567) // '1.23 MB/s'
 */
import prettyBytes from 'pretty-bytes';
import { metricInfo, type Unit } from '../../../shared/metrics.js';
import { formatDuration } from '../../../shared/time.js';

const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });

/** A value in its unit; `–` for a missing or non-finite one. */
export function formatUnit(unit: Unit | undefined, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${one.format(value)} %`;
    case 'bytes':
      return prettyBytes(value, { binary: true, locale });
    case 'bytes_per_second':
      return `${prettyBytes(value, { locale })}/s`;
    case 'celsius':
      return `${one.format(value)} °C`;
    case 'seconds':
      return formatDuration(value * 1000);
    case 'load':
      return two.format(value);
    case 'boolean':
      return value ? 'yes' : 'no';
    default:
      return one.format(value);
  }
}

export function formatValue(key: string, value: number | null | undefined): string {
  return formatUnit(metricInfo(key)?.unit, value);
}

/** A short axis label: fewer digits than `formatUnit`, same units. */
export function formatAxis(unit: Unit | undefined, value: number): string {
  switch (unit) {
    case 'percent':
      return `${integer.format(value)} %`;
    case 'bytes':
      return prettyBytes(value, { binary: true, locale, maximumFractionDigits: 1 });
    case 'bytes_per_second':
      return `${prettyBytes(value, { locale, maximumFractionDigits: 1 })}/s`;
    default:
      return formatUnit(unit, value);
  }
}

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatBytes(value: number): string {
  return prettyBytes(value, { binary: true, locale });
}
