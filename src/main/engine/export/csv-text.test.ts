import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, csvText } from './csv-text.js';

describe('csvText', () => {
  it('leaves plain cells alone', () => {
    expect(csvText('cpu.total_pct')).toBe('cpu.total_pct');
    expect(csvText('net.rx[eth0]_bytes_per_s')).toBe('net.rx[eth0]_bytes_per_s');
  });

  it('quotes cells with commas, quotes, CR or LF, doubling inner quotes', () => {
    expect(csvText('fs.used[/mnt/a,b "c"]_bytes')).toBe('"fs.used[/mnt/a,b ""c""]_bytes"');
    expect(csvText('a\nb')).toBe('"a\nb"');
    expect(csvText('a\rb')).toBe('"a\rb"');
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises a text cell starting with %j', (text) => {
    expect(csvText(text).replace(/^"/, '').startsWith(`'${text[0]}`)).toBe(true);
  });

  it('neutralises, then quotes: =HYPERLINK("x") stays one text cell', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes lines that csv-parse reads back (strictly)', () => {
    const cells = ['ts', 'fs.used_pct[/mnt/a,b "c"]', '=cmd|x', 'line\r\nbreak', 'plain'];
    const text = csvLine(cells) + csvLine(['1', '2', '3', '4', '5']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { relax_column_count: false })).toEqual([
      ['ts', 'fs.used_pct[/mnt/a,b "c"]', "'=cmd|x", 'line\r\nbreak', 'plain'],
      ['1', '2', '3', '4', '5'],
    ]);
  });
});
