import { describe, expect, it } from 'vitest';
import type { RollingResult, Summary } from '../../../shared/queries.js';
import { ROLLING_METRICS, ROLLING_WINDOWS, rollingRows } from './rolling-rows.js';
import { coreSeries, coreSignature, windowLabel } from './overview-charts.js';

const summary = (avg: number, count = 60): Summary => ({ avg, min: avg - 1, max: avg + 1, p95: avg + 0.5, count });

describe('rollingRows', () => {
  it('gives a row per headline metric and a cell per window, formatted in the unit', () => {
    const result: RollingResult = {
      at: 1,
      windows: {
        '1m': { 'cpu.total': summary(10), 'net.rx': summary(2_000_000) },
        '5m': { 'cpu.total': summary(20) },
        '15m': { 'cpu.total': summary(30, 0) },
        '60m': {},
      },
    };
    const rows = rollingRows(result);
    expect(rows.map((r) => r.key)).toEqual(ROLLING_METRICS.map((m) => m.key));
    const cpu = rows.find((r) => r.key === 'cpu.total')!;
    expect(cpu.cells).toHaveLength(ROLLING_WINDOWS.length);
    expect(cpu.cells[0]).toEqual({
      avg: '10.0 %',
      range: '9.0 %–11.0 %',
      p95: '10.5 %',
      title: expect.stringContaining('60 readings'),
    });
    expect(cpu.cells[1]!.avg).toBe('20.0 %');
    // An empty window has no figures to show.
    expect(cpu.cells[2]).toBeNull();
    expect(cpu.cells[3]).toBeNull();
    expect(rows.find((r) => r.key === 'net.rx')!.cells[0]!.avg).toBe('1.9 MiB/s');
  });

  it('has empty cells before the first answer', () => {
    expect(rollingRows(null).every((row) => row.cells.every((cell) => cell === null))).toBe(true);
  });
});

describe('per-core series', () => {
  it('lists the cores in numeric order, and only changes when the set does', () => {
    const a = coreSignature({ ts: 1, values: { 'cpu.core[10]': 1, 'cpu.core[2]': 1, 'cpu.total': 1 } });
    const b = coreSignature({ ts: 2, values: { 'cpu.core[2]': 5, 'cpu.core[10]': 7 } });
    expect(a).toBe('cpu.core[2]|cpu.core[10]');
    expect(b).toBe(a);
    expect(coreSeries(a)).toEqual([
      { key: 'cpu.core[2]', label: 'Core 2' },
      { key: 'cpu.core[10]', label: 'Core 10' },
    ]);
    expect(coreSeries(coreSignature(null))).toEqual([]);
  });

  it('names a chart with its window', () => {
    expect(windowLabel('CPU busy', 15)).toBe('CPU busy, last 15 minutes');
  });
});
