import { describe, expect, it } from 'vitest';
import { formatAxis, iecStep } from './value-axis.js';

describe('value axis', () => {
  it('labels whole percentages without decimals and sizes in IEC units', () => {
    expect(formatAxis('percent', 20)).toBe('20 %');
    expect(formatAxis('percent', 12.5)).toBe('12.5 %');
    expect(formatAxis('bytes_per_second', 2048)).toBe('2 KiB/s');
    expect(formatAxis('bytes_per_second', 1536)).toBe('1.5 KiB/s');
    expect(formatAxis('bytes', 20 * 1024 ** 2)).toBe('20 MiB');
  });

  it('steps a byte axis by 1-2-5 multiples of a power of 1024', () => {
    expect(iecStep(6000)).toBe(2048);
    // 1.4 KiB: half-KiB steps, not 500-byte ones.
    expect(iecStep(1434)).toBe(512);
    expect(iecStep(3 * 1024 ** 2)).toBe(1024 ** 2);
    expect(iecStep(700 * 1024 ** 2)).toBe(200 * 1024 ** 2);
    expect(iecStep(3000 * 1024 ** 2)).toBe(1024 ** 3);
    expect(iecStep(10)).toBe(5);
    expect(iecStep(0)).toBe(1);
  });
});
