import { describe, expect, it } from 'vitest';
import { emptyPoints, medianStep, pushPoint, rebucket, toColumns, type Points } from './bucketing.js';

function raw(times: number[], values = times.map((_, i) => i)): Points {
  const p = emptyPoints();
  times.forEach((t, i) => pushPoint(p, t, values[i]!, values[i]!, values[i]!, 1));
  return p;
}

const same = (v: number) => v;

describe('bucketing', () => {
  it('re-buckets into aligned buckets with min, count-weighted avg, max and count', () => {
    const p = emptyPoints();
    pushPoint(p, 1000, 1, 2, 3, 1);
    pushPoint(p, 2000, 0, 5, 9, 3);
    pushPoint(p, 12_000, 4, 4, 4, 2);
    expect(rebucket(p, 10_000)).toEqual({ t: [0, 10_000], min: [0, 4], avg: [4.25, 4], max: [9, 4], count: [4, 2] });
  });

  it('finds the median spacing', () => {
    expect(medianStep([0, 1000, 2000, 3100, 10_000])).toBe(1100);
    expect(medianStep([5])).toBeNaN();
  });

  it('puts one null inside a recorded gap between raw points, never interpolating', () => {
    const columns = toColumns(
      raw([0, 1000, 2000, 9000, 10_000]),
      { width: 0, threshold: Infinity, gaps: [{ from: 2000, to: 9000 }] },
      false,
      same,
    );
    expect(columns).toEqual({ t: [0, 1000, 2000, 5500, 9000, 10_000], avg: [0, 1, 2, null, 3, 4] });
  });

  it('ignores gaps that end at a point or lie inside one bucket', () => {
    const points = raw([0, 10_000, 20_000]);
    const inside = toColumns(
      points,
      { width: 10_000, threshold: Infinity, gaps: [{ from: 11_000, to: 15_000 }] },
      true,
      same,
    );
    expect(inside.avg).toEqual([0, 1, 2]);
    const crossing = toColumns(
      points,
      { width: 10_000, threshold: Infinity, gaps: [{ from: 15_000, to: 21_000 }] },
      true,
      same,
    );
    expect(crossing.avg).toEqual([0, 1, null, 2]);
    expect(crossing.t[2]).toBe(15_000);
  });

  it('marks a run of empty buckets with one null at the first empty bucket', () => {
    const columns = toColumns(raw([0, 60_000, 300_000]), { width: 60_000, threshold: 90_000, gaps: [] }, true, same);
    expect(columns).toEqual({
      t: [0, 60_000, 120_000, 300_000],
      avg: [0, 1, null, 2],
      min: [0, 1, null, 2],
      max: [0, 1, null, 2],
    });
  });
});
