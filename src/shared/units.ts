/**
 * Human formatting of values by their metric's unit, shared by the CLI and the dashboard.
 *
 * @example
 * formatValue('cpu.total', 23.456) // '23.5 %'
 * formatValue('net.rx[eth0]', 1_234_567) // '1.23 MB/s'
 */
import prettyBytes from 'pretty-bytes';
import { metricInfo, type Unit } from './metrics.js';
import { formatDuration } from './time.js';

// Created on first use: ICU's number data costs the headless engine ~8 MB of RSS, and `run` never formats.
let formatters: { one: Intl.NumberFormat; two: Intl.NumberFormat } | undefined;
function decimals() {
  formatters ??= {
    one: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
    two: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
  };
  return formatters;
}

export function formatUnit(unit: Unit | undefined, value: number): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${decimals().one.format(value)} %`;
    case 'bytes':
      return prettyBytes(value, { binary: true });
    case 'bytes_per_second':
      return `${prettyBytes(value)}/s`;
    case 'celsius':
      return `${decimals().one.format(value)} °C`;
    case 'seconds':
      return formatDuration(value * 1000);
    case 'load':
      return decimals().two.format(value);
    case 'boolean':
      return value ? 'yes' : 'no';
    default:
      return String(value);
  }
}

export function formatValue(key: string, value: number): string {
  return formatUnit(metricInfo(key)?.unit, value);
}

/** Column-name suffix for exports and JSON docs, e.g. `cpu.total_pct`, `mem.used_bytes`. */
export function unitSuffix(unit: Unit | undefined): string {
  switch (unit) {
    case 'percent':
      return 'pct';
    case 'bytes':
      return 'bytes';
    case 'bytes_per_second':
      return 'bytes_per_s';
    case 'celsius':
      return 'celsius';
    case 'seconds':
      return 's';
    default:
      return '';
  }
}
