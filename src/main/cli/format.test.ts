import { describe, expect, it } from 'vitest';
import { count, countOf, quantity, sortKeys, table } from './format.js';

describe('table: one alignment convention', () => {
  it('right-aligns numbers, puts units in a column of their own, and left-aligns text', () => {
    const text = table(
      [{ header: 'series' }, { header: 'avg' }, { header: 'points' }, { header: 'note' }],
      [
        ['cpu.total', quantity('cpu.total', 7.25), count(1200), 'busy'],
        ['mem.used', quantity('mem.used', 512 * 1024 ** 2), count(3), ''],
        ['load.1', quantity('load.1', 1.5), count(12), 'x'],
        ['temp.cpu', quantity('temp.cpu', null), count(0), ''],
      ],
    );
    expect(text).toBe(
      [
        'series      avg      points  note',
        '---------  --------  ------  ----',
        'cpu.total   7.3 %     1,200  busy',
        'mem.used    512 MiB       3',
        'load.1     1.50          12  x',
        'temp.cpu      –           0',
      ].join('\n'),
    );
  });

  it('widens a number column for a long header, keeping numbers under its right edge', () => {
    expect(table([{ header: 'key' }, { header: 'a long header' }], [['k', count(5)]])).toBe(
      ['key  a long header', '---  -------------', 'k                5'].join('\n'),
    );
  });

  it('treats text in a number column as a number without a unit', () => {
    expect(
      table(
        [{ header: 'time' }, { header: 'value' }],
        [
          ['t1', quantity('cpu.total', 50)],
          ['t2', 'gap'],
        ],
      ),
    ).toBe(['time  value', '----  ------', 't1    50.0 %', 't2     gap'].join('\n'));
  });
});

describe('series values and counts', () => {
  it('splits a formatted value into number and unit', () => {
    expect(quantity('cpu.total', 23.456)).toEqual({ number: '23.5', unit: '%' });
    expect(quantity('load.5', 0.5)).toEqual({ number: '0.50', unit: '' });
    expect(quantity('mem.total', Number.NaN)).toEqual({ number: '–', unit: '' });
    expect(quantity('mem.total', undefined)).toEqual({ number: '–', unit: '' });
  });

  it('says "1 row" and "2 rows"', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(2, 'row')).toBe('2 rows');
    expect(countOf(12345, 'byte')).toBe('12,345 bytes');
    expect(countOf(0, 'dead letter')).toBe('0 dead letters');
  });
});

describe('sortKeys', () => {
  it('follows the catalogue, each metric with its entities right after it, in natural order', () => {
    expect(
      sortKeys([
        'net.rx[eth0]',
        'mem.used',
        'cpu.core[10]',
        'zzz.unknown',
        'cpu.core[2]',
        'net.rx',
        'cpu.user',
        'cpu.total',
      ]),
    ).toEqual([
      'cpu.total',
      'cpu.user',
      'cpu.core[2]',
      'cpu.core[10]',
      'mem.used',
      'net.rx',
      'net.rx[eth0]',
      'zzz.unknown',
    ]);
  });
});
