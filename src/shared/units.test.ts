import { describe, expect, it } from 'vitest';
import { formatUnit, formatValue } from './units.js';

describe('formatValue', () => {
  it('uses the metric unit', () => {
    expect(formatValue('cpu.total', 23.456)).toBe('23.5 %');
    expect(formatValue('net.rx[eth0]', 1_234_567)).toBe('1.23 MB/s');
    expect(formatValue('mem.used', 8 * 1024 ** 3)).toBe('8 GiB');
    expect(formatValue('temp.cpu', 54.25)).toBe('54.3 °C');
    expect(formatValue('battery.time_left', 5400)).toBe('1h30m');
    expect(formatValue('load.1', 1.5)).toBe('1.50');
    expect(formatValue('battery.charging', 1)).toBe('yes');
  });

  it('prints a dash for missing values and the raw number for unknown series', () => {
    expect(formatUnit('percent', Number.NaN)).toBe('–');
    expect(formatValue('not.a.metric', 3)).toBe('3');
  });
});
