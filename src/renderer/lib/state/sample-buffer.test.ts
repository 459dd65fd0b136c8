import { describe, expect, it } from 'vitest';
import { SampleBuffer } from './sample-buffer.js';

const s = (ts: number, v = ts) => ({ ts, values: { 'cpu.total': v } });

describe('SampleBuffer', () => {
  it('keeps samples in order, ignores late ones, and drops what falls out of the window', () => {
    const buffer = new SampleBuffer(10_000);
    expect(buffer.push(s(1000))).toBe(true);
    expect(buffer.push(s(2000))).toBe(true);
    expect(buffer.push(s(1500))).toBe(false);
    buffer.push(s(12_500));
    // 10 s before 12 500 is 2 500: both earlier samples fall out.
    expect(buffer.all().map((x) => x.ts)).toEqual([12_500]);
    buffer.push(s(13_000));
    expect(buffer.since(12_600).map((x) => x.ts)).toEqual([13_000]);
    expect(buffer.since(0).map((x) => x.ts)).toEqual([12_500, 13_000]);
  });

  it('caps the count too', () => {
    const buffer = new SampleBuffer(1e12, 3);
    for (let i = 1; i <= 5; i += 1) buffer.push(s(i));
    expect(buffer.all().map((x) => x.ts)).toEqual([3, 4, 5]);
  });

  it('fills from a history answer, marks nulls as gaps, and keeps newer live samples', () => {
    const buffer = new SampleBuffer(1e9);
    buffer.push(s(10_000, 99));
    buffer.fill({
      from: 0,
      to: 10_000,
      tier: 'raw',
      bucketMs: 1000,
      aggregated: false,
      series: {
        'cpu.total': { t: [1000, 2000, 3000, 4000, 10_000], avg: [1, 2, null, 4, 5] },
        'mem.percent': { t: [1000, 2000, 4000], avg: [50, 51, 52] },
      },
    });
    const all = buffer.all();
    expect(all.map((x) => x.ts)).toEqual([1000, 2000, 4000, 10_000]);
    expect(all[2]).toEqual({ ts: 4000, values: { 'cpu.total': 4, 'mem.percent': 52 }, gapBefore: true });
    expect(all[1]!.gapBefore).toBeUndefined();
    // The live sample at 10 000 wins over history's value for the same instant.
    expect(all[3]!.values['cpu.total']).toBe(99);
  });
});
