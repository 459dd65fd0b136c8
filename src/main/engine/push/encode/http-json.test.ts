import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../../shared/sample.js';
import { VERSION } from '../../version.js';
import { encodeHttpJson } from './http-json.js';
import { META, T0, reorderValues, smallBatch, testTarget } from './test-support.js';

const target = testTarget('http-json');

describe('encodeHttpJson', () => {
  it('writes the documented body, header fields first and values keys sorted', () => {
    const encoded = encodeHttpJson(smallBatch(), META, target);
    expect(encoded.contentType).toBe('application/json');
    const body = JSON.parse(encoded.body.toString('utf8'));
    expect(Object.keys(body)).toEqual([
      'version',
      'batchId',
      'host',
      'os',
      'agent',
      'count',
      'first',
      'last',
      'samples',
    ]);
    expect(body).toMatchObject({
      version: 1,
      batchId: META.batchId,
      host: 'desk',
      os: 'linux',
      agent: `dashlight/${VERSION}`,
      count: 2,
      first: T0,
      last: T0 + 1000,
    });
    const [first, second] = body.samples;
    expect(first.ts).toBe(T0);
    expect(first.time).toBe('2023-11-14T22:13:20.123Z');
    expect(first.gapBefore).toBeUndefined();
    expect(Object.keys(first.values)).toEqual(Object.keys(first.values).sort());
    expect(first.values['fs.used_pct[/mnt/my disk,x=y]']).toBe(40.5);
    expect(first.values['fs.used[/mnt/my disk,x=y]']).toBe(1e9);
    // The NaN is left out; the gap is flagged.
    expect(second).toEqual({
      ts: T0 + 1000,
      time: '2023-11-14T22:13:21.123Z',
      gapBefore: true,
      values: { 'cpu.total': 13, 'net.rx[eth0]': 100 },
    });
    expect(encoded.points).toBe(11 + 2);
  });

  it('is byte-identical for the same batch, whatever the key insertion order', () => {
    const a = encodeHttpJson(smallBatch(), META, target).body;
    expect(encodeHttpJson(smallBatch(), META, target).body.equals(a)).toBe(true);
    expect(encodeHttpJson(reorderValues(smallBatch()), META, target).body.equals(a)).toBe(true);
  });

  it('orders samples by time and writes numbers JSON can read back exactly', () => {
    const samples: Sample[] = [
      { ts: T0 + 1000, values: { big: 1e21, tiny: 1e-7, neg: -0, inf: Infinity } },
      { ts: T0, values: { big: 123456789.125 } },
    ];
    const body = JSON.parse(encodeHttpJson(samples, META, target).body.toString());
    expect(body.samples.map((s: { ts: number }) => s.ts)).toEqual([T0, T0 + 1000]);
    expect(body.samples[1].values).toEqual({ big: 1e21, neg: 0, tiny: 1e-7 });
    expect(body.samples[0].values).toEqual({ big: 123456789.125 });
  });

  it('escapes host and series names as JSON strings', () => {
    const meta = { ...META, host: 'dësk "1"\n' };
    const body = JSON.parse(
      encodeHttpJson([{ ts: T0, values: { 'fs.used[C:\\"x"]': 1 } }], meta, target).body.toString(),
    );
    expect(body.host).toBe('dësk "1"\n');
    expect(body.samples[0].values).toEqual({ 'fs.used[C:\\"x"]': 1 });
  });

  it('encodes an empty batch with null first/last', () => {
    const encoded = encodeHttpJson([], META, target);
    expect(JSON.parse(encoded.body.toString())).toMatchObject({ count: 0, first: null, last: null, samples: [] });
    expect(encoded.points).toBe(0);
  });
});
