import { describe, expect, it } from 'vitest';
import { isKnownSeries, metricInfo, parseSeriesKey, seriesKey } from './metrics.js';

describe('series keys', () => {
  it('round-trips metric and entity, including entities with odd characters', () => {
    for (const entity of ['eth0', '/', 'C:', '/mnt/my disk', 'nvme0n1']) {
      expect(parseSeriesKey(seriesKey('fs.used_pct', entity))).toEqual({ metric: 'fs.used_pct', entity });
    }
    expect(parseSeriesKey('cpu.total')).toEqual({ metric: 'cpu.total' });
  });

  it('knows catalogued series only', () => {
    expect(isKnownSeries('cpu.core[3]')).toBe(true);
    expect(isKnownSeries('net.rx')).toBe(true);
    expect(isKnownSeries('cpu.total[1]')).toBe(false);
    expect(isKnownSeries('gpu.fan')).toBe(false);
    expect(metricInfo('net.rx_total[eth0]')?.counter).toBe(true);
  });
});
