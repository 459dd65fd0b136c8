import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { T0, dbIn, useTempDir } from './test-support.js';

/** Every rollup tier, empty: what a store holds before its first rollup. */
const NO_ROLLUPS = { '10s': 0, '30s': 0, '1m': 0, '2m': 0, '5m': 0, '15m': 0, '30m': 0, '1h': 0, '6h': 0, '1d': 0 };

describe('MetricStore: append, flush, latest, list', () => {
  const dir = useTempDir();

  async function storeWith(count: number): Promise<MetricStore> {
    const store = await MetricStore.open(dbIn(dir));
    for (let i = 0; i < count; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i, 'mem.percent': 50 } });
    return store;
  }

  it('creates the folder, buffers appends without writing, and commits them in one flush', async () => {
    const store = await MetricStore.open(dbIn(dir, 'nested/deeper/dashlight.db'));
    expect(store.path).toMatch(/nested\/deeper\/dashlight\.db$/);
    expect(store.quarantined).toBeNull();
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    store.append({ ts: T0 + 1000, values: { 'cpu.total': 2 } });
    expect(store.pendingCount()).toBe(2);
    expect(store.info().rows.raw).toBe(2);
    expect(store.flush()).toBe(2);
    expect(store.pendingCount()).toBe(0);
    expect(store.flush()).toBe(0);
    store.close();
    const reopened = await MetricStore.open(store.path);
    expect(reopened.info().rows).toEqual({
      raw: 2,
      ...NO_ROLLUPS,
    });
    expect(reopened.latest()).toEqual({ ts: T0 + 1000, values: { 'cpu.total': 2 } });
    reopened.close();
  });

  it('sees a just-appended sample in every query before any flush (sampleNow)', async () => {
    const store = await storeWith(3);
    store.append({ ts: T0 + 5000, values: { 'cpu.total': 99 } });
    expect(store.latest()).toEqual({ ts: T0 + 5000, values: { 'cpu.total': 99 } });
    expect(store.list({ page: 1, limit: 1 }).data).toEqual([{ ts: T0 + 5000, values: { 'cpu.total': 99 } }]);
    expect(
      store.history({ series: ['cpu.total'], from: T0, to: T0 + 5000, maxPoints: 100 }).series['cpu.total']!.avg.at(-1),
    ).toBe(99);
    expect((await store.stats({ from: T0 + 5000 })).cpu?.max).toBe(99);
    expect(store.pendingCount()).toBe(4);
    store.close();
  });

  it('paginates newest first across buffered and stored rows, with total and totalPages', async () => {
    const store = await storeWith(5);
    store.flush();
    for (let i = 5; i < 7; i++) store.append({ ts: T0 + i * 1000, values: { 'cpu.total': i } });
    const page = (p: number, limit: number) => store.list({ page: p, limit });
    expect(page(1, 3).data.map((s) => s.values['cpu.total'])).toEqual([6, 5, 4]);
    expect(page(2, 3).data.map((s) => s.values['cpu.total'])).toEqual([3, 2, 1]);
    expect(page(3, 3).data.map((s) => s.values['cpu.total'])).toEqual([0]);
    expect(page(4, 3).data).toEqual([]);
    expect(page(1, 3).pagination).toEqual({ page: 1, limit: 3, total: 7, totalPages: 3 });
    expect(page(1, 1).data[0]).toEqual({ ts: T0 + 6000, values: { 'cpu.total': 6 } });
    expect(page(2, 4).data.map((s) => s.ts)).toEqual([T0 + 2000, T0 + 1000, T0]);
    store.close();
  });

  it('filters by an inclusive time range', async () => {
    const store = await storeWith(10);
    store.flush();
    const result = store.list({ from: T0 + 2000, to: T0 + 4000, page: 1, limit: 50 });
    expect(result.data.map((s) => s.ts)).toEqual([T0 + 4000, T0 + 3000, T0 + 2000]);
    expect(result.pagination).toEqual({ page: 1, limit: 50, total: 3, totalPages: 1 });
    expect(store.list({ from: T0 + 20_000, page: 1, limit: 50 }).pagination).toEqual({
      page: 1,
      limit: 50,
      total: 0,
      totalPages: 0,
    });
    expect(store.list({ to: T0 + 1000, page: 1, limit: 50 }).pagination.total).toBe(2);
    store.close();
  });

  it('keeps timestamps unique and increasing, also across a restart', async () => {
    const store = await MetricStore.open(dbIn(dir));
    store.append({ ts: T0 + 1000, values: { 'cpu.total': 1 } });
    store.append({ ts: T0 + 1000, values: { 'cpu.total': 2 } });
    store.append({ ts: T0 + 500.7, values: { 'cpu.total': 3 } });
    store.close();
    const again = await MetricStore.open(dbIn(dir));
    again.append({ ts: T0, values: { 'cpu.total': 4 } });
    const ts = again.list({ page: 1, limit: 10 }).data.map((s) => s.ts);
    expect(ts).toEqual([T0 + 1003, T0 + 1002, T0 + 1001, T0 + 1000]);
    again.close();
  });

  it('marks samples after a gap, recorded or only flagged', async () => {
    const store = await MetricStore.open(dbIn(dir));
    store.append({ ts: T0, values: { 'cpu.total': 1 } });
    store.recordGap({ from: T0, to: T0 + 60_000, reason: 'sleep' });
    store.append({ ts: T0 + 60_000, values: { 'cpu.total': 2 }, gapBefore: true });
    store.append({ ts: T0 + 61_000, values: { 'cpu.total': 3 } });
    store.append({ ts: T0 + 90_000, values: { 'cpu.total': 4 }, gapBefore: true });
    store.flush();
    const flags = store.list({ page: 1, limit: 10 }).data.map((s) => s.gapBefore ?? false);
    expect(flags).toEqual([true, false, true, false]);
    expect(store.info().gaps).toBe(2);
    store.close();
  });

  it('ignores bad input without throwing, and refuses use after close', async () => {
    const store = await MetricStore.open(dbIn(dir));
    store.append({ ts: Number.NaN, values: { 'cpu.total': 1 } });
    store.recordGap({ from: T0 + 10, to: T0, reason: 'sleep' });
    expect(store.pendingCount()).toBe(0);
    expect(store.info().gaps).toBe(0);
    store.close();
    store.close();
    expect(() => store.append({ ts: T0, values: {} })).not.toThrow();
    expect(() => store.list({ page: 1, limit: 1 })).toThrow(/closed/);
  });

  it('reports its size, rows and integrity', async () => {
    const store = await storeWith(100);
    store.flush();
    const info = store.info();
    expect(info.path).toBe(store.path);
    expect(info.sizeBytes).toBeGreaterThan(4096);
    expect(info.rows).toEqual({
      raw: 100,
      ...NO_ROLLUPS,
    });
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });
});
