import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportInput, ExportProgress } from '../../../shared/export.js';
import { MetricStore } from '../store/metric-store.js';
import { MINUTE_MS } from '../store/schema.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { runExport, type ExportOptions } from './export-runner.js';
import { AWKWARD_MOUNT, FORMULA_MOUNT, fillStore, memoryStream, storedRows } from './test-support.js';

const COUNT = 600;
const LAST = T0 + (COUNT - 1) * 1000;

function input(overrides: Partial<ExportInput> & { path: string }): ExportInput {
  return { format: 'csv', from: T0, to: LAST, resolution: 'raw', metrics: null, ...overrides };
}

function options(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return { host: 'test-host', id: 'exp1', ...overrides };
}

describe('runExport (aggregated tiers)', () => {
  const dir = useTempDir('dashlight-export-agg-');

  it('exports 1m buckets with avg/min/max per series, matching history', async () => {
    const store = await MetricStore.open(dbIn(dir), { rollupLagMs: 0 });
    fillStore(store, T0, COUNT);
    // Roll up the first 7 minutes; the last 3 are aggregated on the fly from raw rows.
    store.rollup(T0 + 7 * MINUTE_MS);
    const path = join(dir(), 'm.csv');
    const events: ExportProgress[] = [];
    const result = await runExport(
      store,
      input({ path, resolution: '1m', metrics: ['cpu.total', 'fs.used_pct'] }),
      options({ chunkRows: 4, onProgress: (p) => events.push(p) }),
    );
    const records = parse(readFileSync(path, 'utf8')) as string[][];
    const names = ['cpu.total_pct', `fs.used_pct[${AWKWARD_MOUNT}]`, `fs.used_pct[${FORMULA_MOUNT}]`];
    expect(records[0]).toEqual(['ts', 'ts_ms', ...names.flatMap((n) => [`${n}_avg`, `${n}_min`, `${n}_max`])]);
    expect(result).toMatchObject({ rows: 10, resolution: '1m' });
    expect(events[0]).toMatchObject({ rowsDone: 0, rowsTotal: 10 });
    expect(events.at(-1)).toMatchObject({ rowsDone: 10, rowsTotal: 10 });

    // Independent of the store's aggregation: min/max/avg per minute over the stored raw values.
    const stored = storedRows(store, T0, LAST);
    records.slice(1).forEach((record, minute) => {
      const start = T0 + minute * MINUTE_MS;
      expect(Number(record[1])).toBe(start);
      const inMinute = stored.filter((row) => row.ts >= start && row.ts < start + MINUTE_MS);
      ['cpu.total', `fs.used_pct[${AWKWARD_MOUNT}]`, `fs.used_pct[${FORMULA_MOUNT}]`].forEach((key, s) => {
        const values = inMinute.map((row) => row.values.get(key)).filter((v) => v !== undefined);
        const [avg, min, max] = record.slice(2 + s * 3, 5 + s * 3).map(Number);
        expect(Math.fround(min!)).toBe(Math.min(...values));
        expect(Math.fround(max!)).toBe(Math.max(...values));
        expect(avg).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 4);
      });
    });
    // And the history API, re-bucketing raw rows to minutes, agrees.
    const history = store.history({ series: ['cpu.total'], from: T0, to: T0 + COUNT * 1000 - 1, maxPoints: 10 });
    expect(history.bucketMs).toBe(MINUTE_MS);
    const cpu = history.series['cpu.total']!;
    expect(records.slice(1).map((r) => Number(r[1]))).toEqual(cpu.t);
    records.slice(1).forEach((record, i) => {
      expect(Number(record[2])).toBeCloseTo(cpu.avg[i]!, 4);
      expect(Number(record[3])).toBeCloseTo(cpu.min![i]!, 4);
      expect(Number(record[4])).toBeCloseTo(cpu.max![i]!, 4);
    });
    store.close();
  });

  it('picks the finest tier holding `from` for resolution auto', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, 30);
    const result = await runExport(
      store,
      input({ path: '-', resolution: 'auto', to: T0 + 29_000 }),
      options({ output: memoryStream().stream }),
    );
    expect(result.resolution).toBe('raw');
    store.close();
  });

  it('exports 1h buckets', async () => {
    const store = await MetricStore.open(dbIn(dir), { rollupLagMs: 0 });
    fillStore(store, T0, COUNT);
    const out = memoryStream();
    const result = await runExport(
      store,
      input({ path: '-', format: 'json', resolution: '1h', metrics: ['load.1'] }),
      options({ output: out.stream }),
    );
    const doc = JSON.parse(out.text()) as { columns: string[]; rows: number[][]; resolution: string };
    expect(doc.resolution).toBe('1h');
    expect(doc.columns).toEqual(['ts_ms', 'load.1_avg', 'load.1_min', 'load.1_max']);
    expect(doc.rows).toHaveLength(1);
    const [ts, avg, min, max] = doc.rows[0]!;
    expect(ts).toBe(T0);
    expect(Math.fround(min!)).toBe(Math.fround(0.42));
    expect(Math.fround(max!)).toBe(Math.fround(0.42 + (COUNT - 1) / 1000));
    expect(avg).toBeCloseTo(0.42 + (COUNT - 1) / 2000, 5);
    expect(result.rows).toBe(1);
    store.close();
  });
});

describe('runExport leaves the folder clean', () => {
  const dir = useTempDir('dashlight-export-clean-');

  it('writes only the target file (the temporary file is renamed)', async () => {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, 100);
    const folder = join(dir(), 'out');
    mkdirSync(folder);
    await runExport(store, input({ path: join(folder, 'day.csv'), to: T0 + 99_000 }), options());
    expect(readdirSync(folder)).toEqual(['day.csv']);
    store.close();
  });
});
