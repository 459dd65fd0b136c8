import { describe, expect, it } from 'vitest';
import { columnName, naturalCompare, selectSeries, valueColumns } from './columns.js';

const KNOWN = [
  'net.rx[wlan0]',
  'cpu.core[10]',
  'cpu.total',
  'net.rx[eth0]',
  'cpu.core[2]',
  'net.rx',
  'load.15',
  'load.5',
  'load.1',
  'net.rx_total[eth0]',
  'fs.used[/]',
];

describe('selectSeries', () => {
  it('orders machine-wide series first, then per-entity ones, numbers by value', () => {
    expect(selectSeries(KNOWN, null)).toEqual([
      'cpu.total',
      'load.1',
      'load.5',
      'load.15',
      'net.rx',
      'cpu.core[2]',
      'cpu.core[10]',
      'fs.used[/]',
      'net.rx[eth0]',
      'net.rx[wlan0]',
      'net.rx_total[eth0]',
    ]);
  });

  it('selects every entity and the machine-wide key for a metric name, and exact keys', () => {
    expect(selectSeries(KNOWN, ['net.rx', 'cpu.core[10]'])).toEqual([
      'net.rx',
      'cpu.core[10]',
      'net.rx[eth0]',
      'net.rx[wlan0]',
    ]);
    expect(selectSeries(KNOWN, ['net.rx[eth0]'])).toEqual(['net.rx[eth0]']);
    expect(selectSeries(KNOWN, ['gpu.util'])).toEqual([]);
  });
});

describe('column names', () => {
  it('adds the unit suffix when the unit has one', () => {
    expect(columnName('cpu.total')).toBe('cpu.total_pct');
    // Names that already carry their unit do not repeat it.
    expect(columnName('mem.percent')).toBe('mem.percent');
    expect(columnName('fs.used_pct[/]')).toBe('fs.used_pct[/]');
    expect(columnName('net.rx[eth0]')).toBe('net.rx[eth0]_bytes_per_s');
    expect(columnName('net.rx_total[eth0]')).toBe('net.rx_total[eth0]_bytes');
    expect(columnName('temp.cpu')).toBe('temp.cpu_celsius');
    expect(columnName('load.1')).toBe('load.1');
  });

  it('gives avg, min, max per series for aggregated tiers', () => {
    expect(valueColumns(['cpu.total', 'load.1'], 'raw')).toEqual(['cpu.total_pct', 'load.1']);
    expect(valueColumns(['cpu.total', 'load.1'], '1h')).toEqual([
      'cpu.total_pct_avg',
      'cpu.total_pct_min',
      'cpu.total_pct_max',
      'load.1_avg',
      'load.1_min',
      'load.1_max',
    ]);
  });
});

describe('naturalCompare', () => {
  it('compares digit runs by value and is a total order', () => {
    const sorted = ['eth10', 'eth2', 'eth02', 'eth1', 'eth', 'sda', 'nvme0n1', 'nvme0n10', 'nvme0n2'].sort(
      naturalCompare,
    );
    expect(sorted).toEqual(['eth', 'eth1', 'eth02', 'eth2', 'eth10', 'nvme0n1', 'nvme0n2', 'nvme0n10', 'sda']);
    expect(naturalCompare('a', 'a')).toBe(0);
    expect(naturalCompare('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
  });
});
