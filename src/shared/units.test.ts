import { afterEach, describe, expect, it } from 'vitest';
import { countOf, formatCount, formatParts, formatUnit, formatValue, setUnitsLocale } from './units.js';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

afterEach(() => setUnitsLocale('en-US'));
setUnitsLocale('en-US');

describe('the units convention', () => {
  it('formats by the metric unit', () => {
    expect(formatValue('cpu.total', 23.456)).toBe('23.5 %');
    expect(formatValue('net.rx[eth0]', 1_234_567)).toBe('1.2 MiB/s');
    expect(formatValue('mem.used', 8 * GiB)).toBe('8.0 GiB');
    expect(formatValue('temp.cpu', 54.25)).toBe('54.3 °C');
    expect(formatValue('battery.time_left', 5400)).toBe('1h30m');
    expect(formatValue('load.1', 1.5)).toBe('1.50');
    expect(formatValue('battery.charging', 1)).toBe('yes');
  });

  it('writes sizes and rates in IEC units: one decimal below 100, none from 100, whole bytes', () => {
    expect(formatUnit('bytes', 0)).toBe('0 B');
    expect(formatUnit('bytes', 512)).toBe('512 B');
    expect(formatUnit('bytes', 1023)).toBe('1023 B');
    expect(formatUnit('bytes', KiB)).toBe('1.0 KiB');
    expect(formatUnit('bytes', 33.6 * KiB)).toBe('33.6 KiB');
    expect(formatUnit('bytes', 99.94 * KiB)).toBe('99.9 KiB');
    // 99.96 would round to "100.0": from 100 up there are no decimals.
    expect(formatUnit('bytes', 99.96 * KiB)).toBe('100 KiB');
    expect(formatUnit('bytes', 512 * MiB)).toBe('512 MiB');
    // 1023.7 MiB rounds to 1,024 MiB: the next unit says it better.
    expect(formatUnit('bytes', 1023.7 * MiB)).toBe('1.0 GiB');
    expect(formatUnit('bytes', GiB)).toBe('1.0 GiB');
    expect(formatUnit('bytes', 3 * 1024 * GiB)).toBe('3.0 TiB');
    expect(formatUnit('bytes_per_second', 34_406)).toBe('33.6 KiB/s');
    expect(formatUnit('bytes_per_second', 800)).toBe('800 B/s');
    expect(formatUnit('bytes_per_second', -2 * MiB)).toBe('-2.0 MiB/s');
  });

  it('writes durations under a second in milliseconds with at most three significant figures', () => {
    expect(formatUnit('seconds', 0.00042)).toBe('0.42 ms');
    expect(formatUnit('seconds', 0.0052)).toBe('5.2 ms');
    expect(formatUnit('seconds', 0.61)).toBe('610 ms');
    expect(formatUnit('seconds', 44)).toBe('44s');
  });

  it('gives the number and the unit apart, for aligned columns', () => {
    expect(formatParts('bytes', GiB)).toEqual({ number: '1.0', unit: 'GiB' });
    expect(formatParts('bytes_per_second', 34_406)).toEqual({ number: '33.6', unit: 'KiB/s' });
    expect(formatParts('percent', 5)).toEqual({ number: '5.0', unit: '%' });
    expect(formatParts('celsius', 61.04)).toEqual({ number: '61.0', unit: '°C' });
    expect(formatParts('load', 0.5)).toEqual({ number: '0.50', unit: '' });
    expect(formatParts('percent', null)).toEqual({ number: '–', unit: '' });
  });

  it('prints a dash for missing values and the plain number for unknown series', () => {
    expect(formatUnit('percent', Number.NaN)).toBe('–');
    expect(formatUnit('bytes', undefined)).toBe('–');
    expect(formatValue('not.a.metric', 3)).toBe('3');
    expect(formatValue('not.a.metric', 3.14159)).toBe('3.14');
  });

  it('counts with grouping and says one row, two rows', () => {
    expect(formatCount(86_400)).toBe('86,400');
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(2, 'row')).toBe('2 rows');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
  });

  it("follows the reader's locale", () => {
    setUnitsLocale('de-DE');
    expect(formatUnit('bytes', 33.6 * KiB)).toBe('33,6 KiB');
    expect(formatUnit('percent', 23.45)).toBe('23,5 %');
    expect(formatCount(86_400)).toBe('86.400');
  });
});
