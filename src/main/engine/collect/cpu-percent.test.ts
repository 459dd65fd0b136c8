import { describe, expect, it } from 'vitest';
import { cpuPercents, type CpuTimes } from './cpu-percent.js';

const times = (t: Partial<CpuTimes>): CpuTimes => ({
  user: 0,
  nice: 0,
  system: 0,
  idle: 0,
  iowait: 0,
  irq: 0,
  softirq: 0,
  steal: 0,
  ...t,
});

describe('cpuPercents', () => {
  it('splits the interval into busy, user (+nice), system (+irq+softirq) and iowait', () => {
    const before = times({ user: 100, nice: 0, system: 50, idle: 800, iowait: 20, irq: 10, softirq: 10, steal: 10 });
    const after = times({
      user: 300,
      nice: 100,
      system: 100,
      idle: 1200,
      iowait: 120,
      irq: 30,
      softirq: 40,
      steal: 110,
    });
    // deltas: user 200, nice 100, system 50, idle 400, iowait 100, irq 20, softirq 30, steal 100 => 1000
    expect(cpuPercents(before, after)).toEqual({ total: 50, user: 30, system: 10, iowait: 10 });
  });

  it('is undefined when nothing elapsed or the total went backwards', () => {
    const a = times({ user: 10, idle: 90 });
    expect(cpuPercents(a, a)).toBeUndefined();
    expect(cpuPercents(a, times({ user: 1, idle: 9 }))).toBeUndefined();
  });

  it('clamps a single field stepping back (tickless iowait) instead of going negative', () => {
    const before = times({ user: 100, idle: 100, iowait: 50 });
    const after = times({ user: 200, idle: 200, iowait: 40 });
    const pct = cpuPercents(before, after);
    expect(pct).toEqual({ total: 50, user: 50, system: 0, iowait: 0 });
  });
});
