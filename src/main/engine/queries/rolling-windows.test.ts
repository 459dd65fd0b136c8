import { describe, expect, it } from 'vitest';
import { RollingWindows } from './rolling-windows.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('RollingWindows', () => {
  it('summarises each window over only its own time span', () => {
    const rolling = new RollingWindows(['cpu.total']);
    // 60 minutes at 1 Hz: value = minutes ago, so each window's max is known.
    for (let s = 3599; s >= 0; s--) rolling.push({ ts: T0 - s * 1000, values: { 'cpu.total': Math.floor(s / 60) } });
    const result = rolling.summarize(T0);
    expect(result.at).toBe(T0);
    expect(result.windows['1m']['cpu.total']).toMatchObject({ min: 0, max: 0, count: 60 });
    expect(result.windows['5m']['cpu.total']).toMatchObject({ min: 0, max: 4, count: 300, avg: 2 });
    expect(result.windows['15m']['cpu.total']).toMatchObject({ max: 14, count: 900 });
    expect(result.windows['60m']['cpu.total']).toMatchObject({ max: 59, count: 3600 });
  });

  it('keeps only the configured keys and skips missing values', () => {
    const rolling = new RollingWindows(['mem.percent']);
    rolling.push({ ts: T0, values: { 'cpu.total': 3 } });
    rolling.push({ ts: T0 + 1000, values: { 'mem.percent': 40, 'cpu.total': 5 } });
    const result = rolling.summarize(T0 + 1000);
    expect(Object.keys(result.windows['1m'])).toEqual(['mem.percent']);
    expect(result.windows['1m']['mem.percent']).toMatchObject({ avg: 40, count: 1 });
  });

  it('overwrites the oldest points when the ring is full', () => {
    const rolling = new RollingWindows(['cpu.total'], 10);
    for (let i = 0; i < 25; i++) rolling.push({ ts: T0 + i * 1000, values: { 'cpu.total': i } });
    const summary = rolling.summarize(T0 + 24_000).windows['1m']['cpu.total'];
    expect(summary).toMatchObject({ min: 15, max: 24, count: 10 });
  });
});
