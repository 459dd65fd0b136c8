/**
 * Values for people, in the reader's locale: `Intl.NumberFormat` for numbers and percentages,
 * pretty-bytes' rules for sizes and rates (`BytesFormat`, which caches its formatters; pretty-bytes
 * itself builds one per call). One formatter per shape, created once.
 *
 * @example
 * formatValue('cpu.total', 23.456) // '23.5 %' (en) · '23,5 %' (de)
 * formatValue('net.rx[eth0]', 1_234_567) // '1.23 MB/s'
 */
import { metricInfo, type Unit } from '../../../shared/metrics.js';
import { formatDuration } from '../../../shared/time.js';
import { BytesFormat } from './bytes.js';

const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const bytes = new BytesFormat(locale);
// Shared option objects: values are formatted every tick.
const BINARY = { binary: true };
const AXIS = { maximumFractionDigits: 1 };
const AXIS_BINARY = { binary: true, maximumFractionDigits: 1 };

/** A value in its unit; `–` for a missing or non-finite one. */
export function formatUnit(unit: Unit | undefined, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${one.format(value)} %`;
    case 'bytes':
      return bytes.format(value, BINARY);
    case 'bytes_per_second':
      return `${bytes.format(value)}/s`;
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
      return bytes.format(value, AXIS_BINARY);
    case 'bytes_per_second':
      return `${bytes.format(value, AXIS)}/s`;
    default:
      return formatUnit(unit, value);
  }
}

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatBytes(value: number): string {
  return bytes.format(value, BINARY);
}
