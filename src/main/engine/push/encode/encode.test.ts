import { describe, expect, it } from 'vitest';
import type { PushTarget } from '../../../../shared/push-settings.js';
import { defaultSyntheticSeries } from '../../store/synthetic-history.js';
import { ENCODERS, encodeBatch, gzipBody } from './encode.js';
import { encodeHttpJson } from './http-json.js';
import { encodeInfluxLine } from './influx-line.js';
import { encodeOtlpJson } from './otlp-json.js';
import { META, T0, reorderValues, smallBatch, testTarget } from './test-support.js';

const KINDS = Object.keys(ENCODERS) as PushTarget['kind'][];

/** A minute of the synthetic machine (~45 series), the slow series at the first second only. */
function minuteOfSamples() {
  const { hot, slow } = defaultSyntheticSeries();
  return Array.from({ length: 60 }, (_, i) => ({
    ts: T0 + i * 1000,
    values: Object.fromEntries((i === 0 ? [...hot, ...slow] : hot).map((key, s) => [key, (s * 37 + i) / 7])),
  }));
}

describe('encodeBatch', () => {
  it('dispatches each kind to its encoder', () => {
    const direct = { 'http-json': encodeHttpJson, influx: encodeInfluxLine, otlp: encodeOtlpJson };
    expect(KINDS.sort()).toEqual(['http-json', 'influx', 'otlp']);
    for (const kind of KINDS) {
      const target = testTarget(kind);
      const encoded = encodeBatch(kind, smallBatch(), META, target);
      expect(encoded.body.equals(direct[kind](smallBatch(), META, target).body)).toBe(true);
    }
  });

  it.each(KINDS)('%s: same batch, any key order, same bytes raw and gzipped', (kind) => {
    const target = testTarget(kind);
    const samples = minuteOfSamples();
    const a = encodeBatch(kind, samples, META, target);
    const b = encodeBatch(kind, reorderValues(samples), META, target);
    expect(b.body.equals(a.body)).toBe(true);
    expect(gzipBody(b.body).equals(gzipBody(a.body))).toBe(true);
    const { hot, slow } = defaultSyntheticSeries();
    expect(a.points).toBe(60 * hot.length + slow.length);
  });

  it('refuses an unknown kind loudly', () => {
    const target = testTarget('influx');
    expect(() => encodeBatch('carrier-pigeon' as PushTarget['kind'], [], META, target)).toThrow(/carrier-pigeon/);
  });
});
