import { describe, expect, it } from 'vitest';
import { filterGroups, metricGroups, seriesLabel, unitGroups } from './metric-catalog.js';

describe('metricGroups', () => {
  it('offers the catalogue plus every entity this machine reports, numbers in order', () => {
    const seen = ['cpu.core[10]', 'cpu.core[2]', 'net.rx[eth0]', 'net.tx[eth0]', 'fs.used_pct[/]', 'bogus.key'];
    const groups = metricGroups(seen, []);
    const keys = (id: string) => groups.find((g) => g.id === id)?.options.map((o) => o.key);
    expect(groups.map((g) => g.title)).toEqual(['CPU', 'Memory', 'Load', 'Network', 'Disk I/O', 'Filesystems']);
    expect(keys('cpu')).toEqual(['cpu.total', 'cpu.user', 'cpu.system', 'cpu.iowait', 'cpu.core[2]', 'cpu.core[10]']);
    expect(keys('network')).toEqual(['net.rx', 'net.tx', 'net.rx[eth0]', 'net.tx[eth0]']);
    expect(keys('filesystems')).toEqual(['disk.used_pct', 'fs.used_pct[/]']);
  });

  it('offers sensors only when seen, and keeps selected keys no group claims', () => {
    const groups = metricGroups(['temp.cpu', 'battery.percent', 'gpu.util[0]'], ['mem.used']);
    expect(groups.map((g) => g.id)).toEqual([
      'cpu',
      'memory',
      'load',
      'network',
      'disk-io',
      'filesystems',
      'temperature',
      'battery',
      'gpu',
      'other',
    ]);
    expect(groups.at(-1)!.options).toEqual([{ key: 'mem.used', label: 'Memory used' }]);
  });
});

describe('filterGroups', () => {
  const groups = metricGroups(['cpu.core[0]', 'cpu.core[1]', 'net.rx[eth0]', 'net.tx[eth0]', 'net.rx[wlan0]'], []);

  it('keeps the options matching every word, in their groups, in any case', () => {
    expect(filterGroups(groups, 'ETH0').map((g) => [g.id, g.options.map((o) => o.key)])).toEqual([
      ['network', ['net.rx[eth0]', 'net.tx[eth0]']],
    ]);
    expect(filterGroups(groups, 'network in').map((g) => g.options.map((o) => o.key))).toEqual([
      ['net.rx', 'net.rx[eth0]', 'net.rx[wlan0]'],
    ]);
    expect(filterGroups(groups, 'core 1').flatMap((g) => g.options.map((o) => o.label))).toEqual(['CPU core 1 busy']);
  });

  it('matches a group title, keeps everything for an empty query, and nothing for a word no option has', () => {
    expect(filterGroups(groups, 'load').map((g) => g.id)).toEqual(['load']);
    expect(filterGroups(groups, '  ')).toEqual(groups);
    expect(filterGroups(groups, 'eth0 battery')).toEqual([]);
  });
});

describe('unitGroups', () => {
  it('makes one chart per unit, in a fixed order, series in selection order', () => {
    const groups = unitGroups(['net.rx', 'cpu.total', 'load.1', 'mem.percent', 'net.tx', 'temp.cpu']);
    expect(groups.map((g) => [g.title, g.series.map((s) => s.key)])).toEqual([
      ['Percent', ['cpu.total', 'mem.percent']],
      ['Load', ['load.1']],
      ['Bytes per second', ['net.rx', 'net.tx']],
      ['Celsius', ['temp.cpu']],
    ]);
  });

  it('labels entities', () => {
    expect(seriesLabel('cpu.core[3]')).toBe('CPU core 3 busy');
    expect(seriesLabel('net.rx[eth0]')).toBe('Network in (eth0)');
    expect(seriesLabel('net.rx')).toBe('Network in');
  });
});
