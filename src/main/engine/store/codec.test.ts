import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  Layout,
  decodeAggregates,
  decodeValues,
  encodeAggregates,
  encodeValues,
  readValue,
  roundF32,
} from './codec.js';
import { LayoutRegistry } from './layout-registry.js';
import { MetricStore } from './metric-store.js';
import { dbIn, useTempDir } from './test-support.js';

describe('codec', () => {
  it('round-trips float32 values and float64 counters exactly where the width allows', () => {
    const values = {
      'cpu.total': 12.5,
      'mem.used': 8_589_934_592,
      'net.rx_total[eth0]': 1_234_567_890_123.25,
      'load.1': 0.75,
    };
    const layout = Layout.forValues(values);
    expect(layout.keys).toEqual(['cpu.total', 'load.1', 'mem.used', 'net.rx_total[eth0]']);
    expect([...layout.widths]).toEqual([4, 4, 4, 8]);
    expect(layout.byteLength).toBe(20);
    const decoded = decodeValues(layout, encodeValues(layout, values));
    expect(decoded).toEqual(values);
    // A float32 could not hold this counter: it needs the 8-byte width.
    expect(Math.fround(values['net.rx_total[eth0]'])).not.toBe(values['net.rx_total[eth0]']);
  });

  it('rounds float32 noise away but keeps 7 significant digits', () => {
    const layout = Layout.forValues({ 'cpu.total': 12.3 });
    const blob = encodeValues(layout, { 'cpu.total': 12.3 });
    expect(readValue(layout, blob, 0)).not.toBe(12.3); // the raw float32
    expect(decodeValues(layout, blob)).toEqual({ 'cpu.total': 12.3 });
    expect(roundF32(Math.fround(1234.567))).toBe(1234.567);
    expect(roundF32(Math.fround(16_123_456_789))).toBe(16_123_456_512); // whole numbers stay exact
    expect(roundF32(98_765_432.25)).toBe(98_765_430);
    expect(roundF32(0)).toBe(0);
    expect(roundF32(-Math.fround(0.1))).toBe(-0.1);
  });

  it('leaves NaN and infinite values out of the row instead of storing them', () => {
    const values = { 'cpu.total': Number.NaN, 'cpu.user': 5, 'temp.cpu': Number.POSITIVE_INFINITY };
    const layout = Layout.forValues(values);
    expect(layout.keys).toEqual(['cpu.user']);
    const decoded = decodeValues(layout, encodeValues(layout, values));
    expect(decoded).toEqual({ 'cpu.user': 5 });
    expect(Object.values(decoded).every(Number.isFinite)).toBe(true);
  });

  it('round-trips rollup aggregates', () => {
    const layout = Layout.aggregate(['mem.percent', 'cpu.total']);
    expect(layout.keys).toEqual(['cpu.total', 'mem.percent']);
    const aggregates = [
      { min: 1, avg: 2.5, max: 4, count: 60 },
      { min: 40, avg: 41.25, max: 42, count: 1 },
    ];
    expect(decodeAggregates(layout, encodeAggregates(layout, aggregates))).toEqual(aggregates);
  });
});

describe('layout registry', () => {
  const dir = useTempDir();

  it('reuses one layout for the same series in any order, and its id across restarts', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close(); // creates the schema
    const db = new Database(file);
    const registry = new LayoutRegistry(db);
    const a = registry.rawLayoutFor({ 'cpu.total': 1, 'mem.percent': 2 });
    const b = registry.rawLayoutFor({ 'mem.percent': 3, 'cpu.total': 4 });
    const c = registry.rawLayoutFor({ 'cpu.total': 1, 'mem.percent': 2, 'disk.used_pct': 3 });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const id = db.transaction(() => registry.persist(a))();
    registry.commit();
    expect(db.transaction(() => registry.persist(b))()).toBe(id);
    expect((db.prepare('SELECT count(*) AS n FROM layouts').get() as { n: number }).n).toBe(1);
    const again = new LayoutRegistry(db);
    const reloaded = again.rawLayoutFor({ 'mem.percent': 0, 'cpu.total': 0 });
    expect(reloaded.id).toBe(id);
    expect(again.byId(id).keys).toEqual(['cpu.total', 'mem.percent']);
    db.close();
  });

  it('forgets ids handed out by a transaction that rolled back', async () => {
    const file = dbIn(dir);
    (await MetricStore.open(file)).close();
    const db = new Database(file);
    const registry = new LayoutRegistry(db);
    const layout = registry.rawLayoutFor({ 'cpu.total': 1 });
    expect(() =>
      db.transaction(() => {
        registry.persist(layout);
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    registry.rollback();
    expect(layout.id).toBeNull();
    expect((db.prepare('SELECT count(*) AS n FROM series').get() as { n: number }).n).toBe(0);
    const id = db.transaction(() => registry.persist(layout))();
    expect(registry.byId(id)).toBe(layout);
    db.close();
  });
});
