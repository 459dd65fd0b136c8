import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-io.js';
import { catalogueKeys, checkSeries, nearestSeries } from './series-names.js';

const STORED = ['cpu.total', 'cpu.user', 'cpu.core[0]', 'net.rx', 'net.rx[eth0]', 'net.tx[eth0]', 'fs.used_pct[/home]'];

describe('nearestSeries', () => {
  it('finds the key one letter away, and nothing for a word that is far from every key', () => {
    expect(nearestSeries('cpu.totl', STORED)).toEqual(['cpu.total']);
    expect(nearestSeries('memory', STORED)).toEqual([]);
  });

  it('ranks closer keys first, then in catalogue order, at most three', () => {
    expect(nearestSeries('net.rx[eht0]', STORED)).toEqual(['net.rx[eth0]', 'net.tx[eth0]']);
    expect(nearestSeries('cpu', [...STORED, 'cpu.system', 'cpu.iowait'])).toEqual([
      'cpu.total',
      'cpu.user',
      'cpu.system',
    ]);
  });
});

describe('checkSeries', () => {
  const message = (given: string[], stored = STORED) => {
    try {
      checkSeries('--metric', given, stored);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
  };

  it('names what was given and the nearest series', () => {
    expect(message(['cpu.totl'])).toBe(
      '--metric cpu.totl: no such series; did you mean cpu.total? ("dashlight metrics" lists every series this machine has)',
    );
    expect(message(['cpu.total', 'fs.used_pct[/hom]'])).toBe(
      '--metric fs.used_pct[/hom]: this machine has stored no such series; did you mean fs.used_pct[/home]? ' +
        '("dashlight metrics" lists every series this machine has)',
    );
    expect(message(['memory'])).toBe(
      '--metric memory: no such series ("dashlight metrics" lists every series this machine has)',
    );
  });

  it('accepts stored keys, catalogue metrics, and anything catalogued before anything is stored', () => {
    expect(message(['cpu.total', 'net.rx[eth0]', 'fs.used_pct', 'temp.cpu'])).toBeNull();
    expect(message(['net.rx[wlan0]'], [])).toBeNull();
  });

  it('suggests from the catalogue when nothing is stored yet', () => {
    expect(message(['mem.persent'], [])).toBe(
      '--metric mem.persent: no such series; did you mean mem.percent? ("dashlight metrics" lists every series this machine has)',
    );
  });
});

describe('catalogueKeys', () => {
  it('lists the machine-wide series, and the per-entity rates that have a machine-wide total', () => {
    const keys = catalogueKeys();
    expect(keys).toContain('cpu.total');
    expect(keys).toContain('net.rx');
    expect(keys).toContain('disk.used_pct');
    expect(keys).not.toContain('cpu.core');
    expect(keys).not.toContain('fs.used_pct');
  });
});
