import { describe, expect, it } from 'vitest';
import { SelfUsage } from './self-usage.js';

const self = (cpuPercent: number) => ({ cpuPercent, rssBytes: cpuPercent * 1000 });

describe('SelfUsage', () => {
  it('keeps the window, marks a long silence as a gap, and orders same-millisecond readings', () => {
    const usage = new SelfUsage(60_000, 5000);
    usage.push(0, self(1));
    usage.push(5000, self(2));
    expect(usage.push(30_000, self(3)).gapBefore).toBe(true);
    expect(usage.push(30_000, self(4))).toMatchObject({ ts: 30_001, gapBefore: false });
    usage.push(70_000, self(5));
    // 60 s before 70 s drops the readings at 0 s and 5 s.
    expect(usage.points.map((p) => p.cpuPercent)).toEqual([3, 4, 5]);
  });
});
