/**
 * Values for people, by their metric's unit: the one convention of the whole product (dashboard,
 * CLI, tray, notifications). Sizes and byte rates are IEC (B, KiB, MiB, GiB, TiB; KiB/s, MiB/s)
 * with one decimal below 100 in the unit and none from 100 up; bytes below 1 KiB are whole.
 * Percentages and °C carry one decimal. Numbers follow the reader's locale.
 *
 * @example
 * formatValue('cpu.total', 23.456) // '23.5 %'
 * formatValue('net.rx[eth0]', 34_406) // '33.6 KiB/s'
 * formatUnit('bytes', 512 * 1024 ** 2) // '512 MiB'
 * formatParts('bytes', 1024 ** 3) // { number: '1.0', unit: 'GiB' }
 */
import { metricInfo, type Unit } from './metrics.js';
import { plainNumberFormat, type NumberFormatter, type PlainNumberOptions } from './plain-number-format.js';
import { formatDuration } from './time.js';

/** A formatted value split in two, for tables that align numbers and units in their own columns. */
export interface ValueParts {
  number: string;
  /** '' for unitless values (load, yes/no, a missing value). */
  unit: string;
}

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

interface Formatters {
  whole: NumberFormatter;
  one: NumberFormatter;
  two: NumberFormatter;
  /** Up to two decimals, none padded: a number with no unit of its own. */
  plain: NumberFormatter;
  /** Whole bytes below 1 KiB: at most four digits, never grouped ("1000 B"). */
  bytes: NumberFormatter;
}

// Created on first use, and without ICU for English locales (plain-number-format.ts): ICU's
// number data costs a Node process ~7 MB of RSS, which the headless engine would pay for the
// text of its first alert.
let formatters: Formatters | undefined;
let locale: string | undefined;

function numbers(): Formatters {
  if (!formatters) {
    const tag = locale ?? defaultLocale();
    const make = (options: PlainNumberOptions) =>
      plainNumberFormat(tag, options) ?? new Intl.NumberFormat(tag, options);
    formatters = {
      whole: make({ maximumFractionDigits: 0 }),
      one: make({ minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      two: make({ minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      plain: make({ maximumFractionDigits: 2 }),
      bytes: make({ maximumFractionDigits: 0, useGrouping: false }),
    };
  }
  return formatters;
}

/** The browser's language in the dashboard; in Node, the one its `navigator` derives from the environment. */
function defaultLocale(): string {
  const language = (globalThis as { navigator?: { language?: string } }).navigator?.language;
  if (language) return language;
  return new Intl.NumberFormat().resolvedOptions().locale || 'en-US';
}

/**
 * Formats in `tag` from now on (tests, or a CLI that wants fixed output); `undefined` goes back to
 * the reader's locale.
 *
 * @example
 * setUnitsLocale('de'); formatUnit('percent', 23.45) // '23,5 %'
 */
export function setUnitsLocale(tag: string | undefined): void {
  locale = tag;
  formatters = undefined;
}

/** An IEC size: the scaled number and its unit, rounded by the convention. */
function bytesParts(value: number): ValueParts {
  const f = numbers();
  const size = Math.abs(value);
  if (size < 1024) return { number: f.bytes.format(value), unit: 'B' };
  let exponent = Math.min(Math.floor(Math.log2(size) / 10), IEC.length - 1);
  let scaled = value / 1024 ** exponent;
  // 1023.96 KiB rounds to 1,024 KiB: say 1.0 MiB instead.
  if (Math.round(Math.abs(scaled)) >= 1024 && exponent < IEC.length - 1) {
    exponent += 1;
    scaled /= 1024;
  }
  // 99.96 rounds to 100.0 at one decimal; from 100 up the convention writes no decimals.
  const decimals = Math.round(Math.abs(scaled) * 10) >= 1000 ? f.whole : f.one;
  return { number: decimals.format(scaled), unit: IEC[exponent]! };
}

/** A frequency in SI steps (kHz, MHz, GHz), two decimals for GHz as CPU speeds are quoted. */
function hertzParts(value: number): ValueParts {
  const f = numbers();
  const size = Math.abs(value);
  if (size >= 1e9) return { number: f.two.format(value / 1e9), unit: 'GHz' };
  if (size >= 1e6) return { number: f.whole.format(value / 1e6), unit: 'MHz' };
  if (size >= 1e3) return { number: f.whole.format(value / 1e3), unit: 'kHz' };
  return { number: f.whole.format(value), unit: 'Hz' };
}

/**
 * A value in its unit, split into number and unit.
 *
 * @example
 * formatParts('bytes_per_second', 34_406) // { number: '33.6', unit: 'KiB/s' }
 * formatParts('load', 1.5) // { number: '1.50', unit: '' }
 */
export function formatParts(unit: Unit | undefined, value: number | null | undefined): ValueParts {
  if (value === null || value === undefined || !Number.isFinite(value)) return { number: '–', unit: '' };
  switch (unit) {
    case 'percent':
      return { number: numbers().one.format(value), unit: '%' };
    case 'bytes':
      return bytesParts(value);
    case 'bytes_per_second': {
      const parts = bytesParts(value);
      return { number: parts.number, unit: `${parts.unit}/s` };
    }
    case 'celsius':
      return { number: numbers().one.format(value), unit: '°C' };
    case 'seconds':
      // Below a second (a TCP connect, a little CPU time), milliseconds with three significant
      // figures at most: "0.42 ms", "5.2 ms", "610 ms"; "0ms" would hide the figure.
      if (Math.abs(value) < 1) {
        const ms = value * 1000;
        const digits = Math.abs(ms) < 1 ? numbers().two : Math.abs(ms) < 10 ? numbers().one : numbers().whole;
        return { number: digits.format(ms), unit: 'ms' };
      }
      return { number: formatDuration(value * 1000), unit: '' };
    case 'watts':
      return { number: numbers().one.format(value), unit: 'W' };
    case 'watt_hours':
      return { number: numbers().one.format(value), unit: 'Wh' };
    case 'hertz':
      return hertzParts(value);
    case 'rpm':
      return { number: numbers().whole.format(value), unit: 'RPM' };
    case 'count':
      return { number: numbers().whole.format(value), unit: '' };
    case 'load':
      return { number: numbers().two.format(value), unit: '' };
    case 'boolean':
      return { number: value ? 'yes' : 'no', unit: '' };
    default:
      return { number: numbers().plain.format(value), unit: '' };
  }
}

/** A value in its unit; `–` for a missing or non-finite one. */
export function formatUnit(unit: Unit | undefined, value: number | null | undefined): string {
  const parts = formatParts(unit, value);
  return parts.unit ? `${parts.number} ${parts.unit}` : parts.number;
}

/** A value of a series (`net.rx[eth0]`) in its metric's unit. */
export function formatValue(key: string, value: number | null | undefined): string {
  return formatUnit(metricInfo(key)?.unit, value);
}

/** A size in bytes (a file, a database): `formatUnit('bytes', …)`. */
export function formatBytes(value: number): string {
  return formatUnit('bytes', value);
}

/** A whole count with the locale's grouping: 12345 → '12,345'. */
export function formatCount(value: number): string {
  return numbers().whole.format(value);
}

/** "1 row", "2 rows": a count and its noun, singular for one. */
export function countOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
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
    case 'watts':
      return 'watts';
    case 'watt_hours':
      return 'wh';
    case 'hertz':
      return 'hz';
    case 'rpm':
      return 'rpm';
    default:
      return '';
  }
}
