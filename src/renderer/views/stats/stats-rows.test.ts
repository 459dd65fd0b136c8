import { describe, expect, it } from 'vitest';
import type { Summary } from '../../../shared/queries.js';
import { filterRows, resolutionText, sortRows, statsRows, transfers, type StatsRow } from './stats-rows.js';

const s = (avg: number, extra: Partial<Summary> = {}): Summary => ({
  avg,
  min: avg,
  max: avg,
  p95: avg,
  count: 10,
  ...extra,
});

const metrics = {
  'cpu.total': s(20, { count: 5 }),
  'cpu.core[10]': s(5),
  'cpu.core[2]': s(50),
  'net.rx[eth0]': s(1000),
  'mem.percent': s(60, { count: 99 }),
};

const keys = (rows: StatsRow[]) => rows.map((r) => r.key);

describe('stats rows', () => {
  it('labels each series from the catalogue, with its entity', () => {
    const rows = statsRows(metrics);
    expect(rows.find((r) => r.key === 'net.rx[eth0]')).toMatchObject({ label: 'Network in', entity: 'eth0' });
    expect(rows.find((r) => r.key === 'cpu.total')).toMatchObject({ label: 'CPU busy', entity: null });
    expect(statsRows({ 'made.up': s(1) })[0]).toMatchObject({ label: 'made.up', entity: null });
  });

  it('filters on label, entity or key, in any case', () => {
    const rows = statsRows(metrics);
    expect(keys(filterRows(rows, 'NETWORK'))).toEqual(['net.rx[eth0]']);
    expect(keys(filterRows(rows, 'eth0'))).toEqual(['net.rx[eth0]']);
    expect(keys(filterRows(rows, 'cpu.core'))).toEqual(['cpu.core[10]', 'cpu.core[2]']);
    expect(filterRows(rows, '  ')).toHaveLength(rows.length);
  });

  it('sorts by name in natural order, or by a figure either way', () => {
    const rows = statsRows(metrics);
    expect(keys(sortRows(rows, 'name', 'ascending'))).toEqual([
      'cpu.total',
      'cpu.core[2]',
      'cpu.core[10]',
      'mem.percent',
      'net.rx[eth0]',
    ]);
    expect(keys(sortRows(rows, 'avg', 'descending'))).toEqual([
      'net.rx[eth0]',
      'mem.percent',
      'cpu.core[2]',
      'cpu.total',
      'cpu.core[10]',
    ]);
    expect(keys(sortRows(rows, 'count', 'ascending'))[0]).toBe('cpu.total');
    expect(keys(sortRows(rows, 'count', 'ascending')).at(-1)).toBe('mem.percent');
  });
});

describe('transfers', () => {
  it('estimates bytes moved per interface from the counters, busiest first, without loopback', () => {
    const result = transfers({
      'net.rx_total[eth0]': s(0, { min: 1000, max: 5000 }),
      'net.tx_total[eth0]': s(0, { min: 100, max: 600 }),
      'net.rx_total[wlan0]': s(0, { min: 0, max: 90_000 }),
      'net.rx_total[lo]': s(0, { min: 0, max: 1e9 }),
      'net.rx[eth0]': s(1),
    });
    expect(result).toEqual([
      { entity: 'wlan0', received: 90_000, sent: null },
      { entity: 'eth0', received: 4000, sent: 500 },
    ]);
  });

  it('trusts the average rate over the span when a reboot reset a counter', () => {
    const result = transfers(
      {
        // A reboot: the counter ran to 9 GB, restarted from 0 and reached 1 GB.
        'net.rx_total[eth0]': s(0, { min: 0, max: 9e9 }),
        'net.rx[eth0]': s(50_000),
        'net.tx_total[eth0]': s(0, { min: 1e6, max: 3e6 }),
        'net.tx[eth0]': s(1_000),
      },
      3_600_000,
    );
    // 50 kB/s for an hour is 180 MB; the sent counter (2 MB) is below 1 kB/s × 1 h (3.6 MB).
    expect(result).toEqual([{ entity: 'eth0', received: 180e6, sent: 2e6 }]);
  });

  it('is empty when the range holds no counters', () => {
    expect(transfers(metrics)).toEqual([]);
  });
});

describe('row names', () => {
  it('says the unit where two series share a name', () => {
    const rows = statsRows({
      'mem.used': s(8e9),
      'mem.percent': s(50),
      'fs.used[/]': s(1e10),
      'fs.used_pct[/]': s(40),
      'cpu.total': s(10),
    });
    expect(rows.map((row) => [row.label, row.entity])).toEqual([
      ['Memory used (size)', null],
      ['Memory used (%)', null],
      ['Filesystem used (size)', '/'],
      ['Filesystem used (%)', '/'],
      ['CPU busy', null],
    ]);
  });
});

describe('tiers', () => {
  it('names the tier', () => {
    expect(resolutionText('1m')).toBe('from the 1-minute tier');
    expect(resolutionText('1h')).toBe('from the 1-hour tier');
    expect(resolutionText('raw')).toBe('from raw samples');
  });
});
