/**
 * Fixtures for the export tests: a real SQLite store filled with samples that exercise every
 * corner of the formats (float32 fractions, float64 counters, negatives, per-entity series,
 * awkward entity names, series measured only every 10 s), and readers of what was stored.
 *
 * @example
 * const store = await MetricStore.open(dbIn(dir));
 * fillStore(store, T0, 120);
 * const rows = storedRows(store, T0, T0 + 119_000); // exact stored values, for comparisons
 */
import { Writable } from 'node:stream';
import { floatView, readValue } from '../store/codec.js';
import type { MetricStore } from '../store/metric-store.js';

/** A mount path with a comma, quotes and a space: must survive CSV quoting. */
export const AWKWARD_MOUNT = '/mnt/a,b "c"';
/** A mount name a spreadsheet would run as a formula if it started a cell. */
export const FORMULA_MOUNT = '=1+2';

/** The values of sample i (1 Hz from `start`); slow series every 10th second. */
export function sampleValues(i: number): Record<string, number> {
  const values: Record<string, number> = {
    'cpu.total': 12.3 + i * 0.37,
    'load.1': 0.42 + i / 1000,
    'net.rx': 2048.5 + i,
    'net.rx[eth0]': 1000.25 * i,
    'net.rx_total[eth0]': 1e12 + i * 1234.5,
    'temp.cpu': -5.25 - i * 0.1,
  };
  for (let core = 0; core < 12; core++) values[`cpu.core[${core}]`] = (core * 7.1 + i) % 100;
  if (i % 10 === 0) {
    values[`fs.used_pct[${AWKWARD_MOUNT}]`] = 55.5 + i / 100;
    values[`fs.used_pct[${FORMULA_MOUNT}]`] = 1 / 3 + i;
  }
  return values;
}

/** Appends `count` samples at 1 Hz from `start` and commits them. */
export function fillStore(store: MetricStore, start: number, count: number): void {
  for (let i = 0; i < count; i++) {
    store.append({ ts: start + i * 1000, values: sampleValues(i) });
    if (i % 500 === 499) store.flush();
  }
  store.flush();
}

/** Every stored raw row with from <= ts <= to, with exact values (float32 as stored, float64 counters). */
export function storedRows(
  store: MetricStore,
  from: number,
  to: number,
): { ts: number; values: Map<string, number> }[] {
  const rows: { ts: number; values: Map<string, number> }[] = [];
  let after = from - 1;
  for (;;) {
    const last = store.range.scan(after, to, 1000, (ts, layout, data) => {
      const view = floatView(data);
      rows.push({ ts, values: new Map(layout.keys.map((key, i) => [key, readValue(layout, data, i, view)])) });
    });
    if (last === null) return rows;
    after = last;
  }
}

/** A Writable that keeps what it is given, calling back at once. */
export function memoryStream(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
