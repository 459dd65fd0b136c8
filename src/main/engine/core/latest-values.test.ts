import { describe, expect, it } from 'vitest';
import { horizonsFor, LatestValues } from './latest-values.js';

const T0 = Date.UTC(2026, 0, 1);

describe('LatestValues', () => {
  it('keeps each series newest value with its own time: a slow one outlives the samples without it', () => {
    const latest = new LatestValues();
    latest.push({ ts: T0, values: { 'cpu.total': 10, 'fs.used_pct[/]': 40 } });
    latest.push({ ts: T0 + 2000, values: { 'cpu.total': 20 }, gapBefore: true });
    expect(latest.fresh(T0 + 2000, { hotMs: 6000, slowMs: 122_000 })).toEqual([
      { key: 'cpu.total', value: 20, ts: T0 + 2000 },
      { key: 'fs.used_pct[/]', value: 40, ts: T0 },
    ]);
    expect([latest.samples, latest.gaps, latest.lastTs]).toEqual([2, 1, T0 + 2000]);
    expect(latest.fresh(T0 + 9000, { hotMs: 6000, slowMs: 122_000 }).map((v) => v.key)).toEqual(['fs.used_pct[/]']);
  });

  it('forgets a series an hour past its horizon, so vanished entities do not pile up', () => {
    const latest = new LatestValues();
    latest.push({ ts: T0, values: { 'net.rx[veth9]': 1 } });
    latest.fresh(T0 + 6000 + 3_600_000, { hotMs: 6000, slowMs: 122_000 });
    expect([...latest.keys()]).toEqual(['net.rx[veth9]']);
    latest.fresh(T0 + 6001 + 3_600_000, { hotMs: 6000, slowMs: 122_000 });
    expect([...latest.keys()]).toEqual([]);
  });

  it('allows three missed ticks (ten seconds at least) and two slow periods and a tick', () => {
    expect(horizonsFor({ interval: 1000, slowInterval: 60_000 })).toEqual({ hotMs: 10_000, slowMs: 121_000 });
    expect(horizonsFor({ interval: 5000, slowInterval: 60_000 })).toEqual({ hotMs: 15_000, slowMs: 125_000 });
  });
});
