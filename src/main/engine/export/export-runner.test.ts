import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportInput, ExportProgress } from '../../../shared/export.js';
import { MetricStore } from '../store/metric-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { runExport, type ExportOptions } from './export-runner.js';
import { AWKWARD_MOUNT, FORMULA_MOUNT, fillStore, memoryStream, storedRows } from './test-support.js';

const COUNT = 600;
const LAST = T0 + (COUNT - 1) * 1000;

const EXPECTED_COLUMNS = [
  'cpu.total_pct',
  'load.1',
  'net.rx_bytes_per_s',
  'temp.cpu_celsius',
  ...Array.from({ length: 12 }, (_, i) => `cpu.core[${i}]_pct`),
  `fs.used_pct[${AWKWARD_MOUNT}]`,
  `fs.used_pct[${FORMULA_MOUNT}]`,
  'net.rx[eth0]_bytes_per_s',
  'net.rx_total[eth0]_bytes',
];
const EXPECTED_KEYS = EXPECTED_COLUMNS.map((c) => c.replace(/_(pct|bytes_per_s|bytes|celsius)$/, ''));

function input(overrides: Partial<ExportInput> & { path: string }): ExportInput {
  return { format: 'csv', from: T0, to: LAST, resolution: 'raw', metrics: null, ...overrides };
}

function options(overrides: Partial<ExportOptions> = {}): ExportOptions {
  return { host: 'test-host', id: 'exp1', ...overrides };
}

/** A value parsed from the export equals the stored one exactly (float32 for gauges). */
function expectSameValue(key: string, parsed: number, stored: number): void {
  if (key.startsWith('net.rx_total')) expect(parsed).toBe(stored);
  else expect(Math.fround(parsed)).toBe(stored);
}

describe('runExport (raw tier, real SQLite)', () => {
  const dir = useTempDir('dashlight-export-');

  async function filledStore(): Promise<MetricStore> {
    const store = await MetricStore.open(dbIn(dir));
    fillStore(store, T0, COUNT);
    return store;
  }

  it('writes RFC 4180 CSV that csv-parse reads back to the stored values exactly', async () => {
    const store = await filledStore();
    const path = join(dir(), 'out.csv');
    const result = await runExport(store, input({ path }), options());
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(COUNT + 2);
    const records = parse(text, { relax_column_count: false, skip_empty_lines: false }) as string[][];
    expect(records[0]).toEqual(['ts', 'ts_ms', ...EXPECTED_COLUMNS]);
    expect(result).toMatchObject({ rows: COUNT, resolution: 'raw', format: 'csv', bytes: Buffer.byteLength(text) });
    expect(result.columns).toEqual(records[0]);

    const stored = storedRows(store, T0, LAST);
    expect(records.length - 1).toBe(stored.length);
    stored.forEach((row, r) => {
      const record = records[r + 1]!;
      expect(record[0]).toBe(new Date(row.ts).toISOString());
      expect(Number(record[1])).toBe(row.ts);
      EXPECTED_KEYS.forEach((key, c) => {
        const cell = record[c + 2]!;
        const value = row.values.get(key);
        if (value === undefined) expect(cell).toBe('');
        else expectSameValue(key, Number(cell), value);
      });
    });
    // And the decoded list API agrees (it rounds float32 to 7 digits for display).
    const newest = store.list({ page: 1, limit: 1 }).data[0]!;
    expect(Number(records.at(-1)![2])).toBeCloseTo(newest.values['cpu.total']!, 4);
    store.close();
  });

  it('keeps header cells safe and numbers as numbers', async () => {
    const store = await filledStore();
    const path = join(dir(), 'out.csv');
    await runExport(store, input({ path, to: T0 }), options());
    const [header, row] = readFileSync(path, 'utf8').split('\r\n');
    // The awkward mount is quoted with doubled quotes; the `=` mount cannot start a cell: its
    // column name starts with the metric (csv-text.test.ts covers cells that do start with `=`).
    expect(header).toContain(`,"fs.used_pct[/mnt/a,b ""c""]",fs.used_pct[=1+2],`);
    const cells = row!.split(',');
    expect(cells[5]).toBe('-5.25'); // temp.cpu: negative, not neutralised with a quote
    expect(cells.some((cell) => cell.startsWith("'"))).toBe(false);
    store.close();
  });

  it('writes a JSON document that parses back to the stored values', async () => {
    const store = await filledStore();
    const path = join(dir(), 'out.json');
    const result = await runExport(store, input({ path, format: 'json' }), options());
    const doc = JSON.parse(readFileSync(path, 'utf8')) as {
      host: string;
      from: string;
      to: string;
      resolution: string;
      columns: string[];
      rows: (number | null)[][];
    };
    expect(doc).toMatchObject({
      host: 'test-host',
      from: new Date(T0).toISOString(),
      to: new Date(LAST).toISOString(),
      resolution: 'raw',
    });
    expect(doc.columns).toEqual(['ts_ms', ...EXPECTED_COLUMNS]);
    expect(result.columns).toEqual(doc.columns);
    const stored = storedRows(store, T0, LAST);
    expect(doc.rows).toHaveLength(stored.length);
    stored.forEach((row, r) => {
      const values = doc.rows[r]!;
      expect(values).toHaveLength(doc.columns.length);
      expect(values[0]).toBe(row.ts);
      EXPECTED_KEYS.forEach((key, c) => {
        const value = row.values.get(key);
        if (value === undefined) expect(values[c + 1]).toBeNull();
        else expectSameValue(key, values[c + 1]!, value);
      });
    });
    store.close();
  });

  it('writes NDJSON, one object per line, leaving missing values out', async () => {
    const store = await filledStore();
    const out = memoryStream();
    const result = await runExport(store, input({ path: '-', format: 'ndjson' }), options({ output: out.stream }));
    const lines = out.text().split('\n');
    expect(lines.pop()).toBe('');
    const stored = storedRows(store, T0, LAST);
    expect(lines).toHaveLength(stored.length);
    expect(result.columns).toEqual(['ts', 'ts_ms', ...EXPECTED_COLUMNS]);
    lines.forEach((line, r) => {
      const object = JSON.parse(line) as Record<string, unknown>;
      const row = stored[r]!;
      expect(Object.keys(object).slice(0, 2)).toEqual(['ts', 'ts_ms']);
      expect(object.ts).toBe(new Date(row.ts).toISOString());
      expect(object.ts_ms).toBe(row.ts);
      EXPECTED_KEYS.forEach((key, c) => {
        const value = row.values.get(key);
        const column = EXPECTED_COLUMNS[c]!;
        if (value === undefined) expect(column in object).toBe(false);
        else expectSameValue(key, object[column] as number, value);
      });
    });
    store.close();
  });

  it('exports only the selected series: a metric name takes every entity and the machine-wide key', async () => {
    const store = await filledStore();
    const out = memoryStream();
    const result = await runExport(
      store,
      input({ path: '-', metrics: ['net.rx', 'cpu.core[10]', 'fs.used_pct'] }),
      options({ output: out.stream }),
    );
    expect(result.columns).toEqual([
      'ts',
      'ts_ms',
      'net.rx_bytes_per_s',
      'cpu.core[10]_pct',
      `fs.used_pct[${AWKWARD_MOUNT}]`,
      `fs.used_pct[${FORMULA_MOUNT}]`,
      'net.rx[eth0]_bytes_per_s',
    ]);
    expect(result.rows).toBe(COUNT);

    // A selection only some rows hold: the rows without it are left out, and progress says so.
    const events: ExportProgress[] = [];
    const slow = await runExport(
      store,
      input({ path: '-', metrics: ['fs.used_pct'] }),
      options({ output: memoryStream().stream, onProgress: (p) => events.push(p) }),
    );
    expect(slow.rows).toBe(COUNT / 10);
    expect(events[0]).toEqual({ id: 'exp1', rowsDone: 0, rowsTotal: COUNT });
    expect(events.at(-1)).toEqual({ id: 'exp1', rowsDone: COUNT / 10, rowsTotal: COUNT / 10 });
    store.close();
  });

  it('writes just the header for an empty range', async () => {
    const store = await filledStore();
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      const path = join(dir(), `empty.${format}`);
      const result = await runExport(store, input({ path, format, from: LAST + 1, to: LAST + 60_000 }), options());
      expect(result.rows).toBe(0);
      const text = readFileSync(path, 'utf8');
      if (format === 'csv')
        expect(text).toBe(
          `ts,ts_ms,${EXPECTED_COLUMNS.map((c) => (c.includes(',') ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`,
        );
      if (format === 'json')
        expect(JSON.parse(text)).toMatchObject({ rows: [], columns: ['ts_ms', ...EXPECTED_COLUMNS] });
      if (format === 'ndjson') expect(text).toBe('');
    }
    store.close();
  });

  it('reports monotonic, throttled progress whose last event equals the rows written', async () => {
    const store = await filledStore();
    let clock = 0;
    const events: ExportProgress[] = [];
    const result = await runExport(
      store,
      input({ path: join(dir(), 'p.csv') }),
      options({ chunkRows: 50, now: () => (clock += 30), onProgress: (p) => events.push(p) }),
    );
    expect(events[0]).toEqual({ id: 'exp1', rowsDone: 0, rowsTotal: COUNT });
    expect(events.at(-1)).toEqual({ id: 'exp1', rowsDone: COUNT, rowsTotal: COUNT });
    expect(result.rows).toBe(COUNT);
    // 12 chunks, but 30 ms per clock reading and 100 ms between events: fewer events than chunks.
    expect(events.length).toBeGreaterThan(2);
    expect(events.length).toBeLessThan(12);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.rowsDone).toBeGreaterThanOrEqual(events[i - 1]!.rowsDone);
      expect(events[i]!.rowsTotal).toBe(COUNT);
    }
    store.close();
  });

  it('yields to the event loop between chunks', async () => {
    const store = await filledStore();
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const chunkRows = 60;
    // An in-memory stream that calls back at once: any turn observed comes from the exporter.
    await runExport(store, input({ path: '-' }), options({ chunkRows, output: memoryStream().stream }));
    running = false;
    expect(turns).toBeGreaterThanOrEqual(COUNT / chunkRows - 1);
    store.close();
  });

  it('includes samples still in the write buffer (it flushes first)', async () => {
    const store = await filledStore();
    store.append({ ts: LAST + 1000, values: { 'cpu.total': 99.5 } });
    expect(store.pendingCount()).toBe(1);
    const out = memoryStream();
    const result = await runExport(store, input({ path: '-', to: LAST + 1000 }), options({ output: out.stream }));
    expect(result.rows).toBe(COUNT + 1);
    expect(out.text()).toContain(`,${LAST + 1000},99.5,`);
    store.close();
  });
});
