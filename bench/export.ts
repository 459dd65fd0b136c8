/**
 * CSV export speed (budget: at least half the speed of `sqlite3 -csv` on the same rows; see
 * docs/ARCHITECTURE.md).
 *
 * One day of raw samples (86,400 rows at 1 Hz, the synthetic machine's ~45 series: hot every
 * second, slow every minute) is written by src/main/engine/store/synthetic-history.ts. Then:
 * - ours: `runExport` to a CSV file (raw tier, every series; temporary file, fsync, rename), best of 3;
 * - the peer: the same rows copied into a plain wide table (`ts` INTEGER plus one REAL column per
 *   series, NULL where a series was not measured) and dumped with the Debian `sqlite3` CLI,
 *   `sqlite3 -csv -header <db> 'SELECT * FROM wide' > out.csv`, best of 3.
 *
 * Rows: our rate with the budget 0.5 × sqlite3's rate measured in the same run (and sqlite3 as the
 * peer), and our rate against a fixed floor of 163,000 rows/s: a day of 1 Hz samples in about
 * half a second, whatever sqlite3 does on the machine.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../src/main/engine/export/export-runner.js';
import { columnName, selectSeries } from '../src/main/engine/export/columns.js';
import { floatView, readValue } from '../src/main/engine/store/codec.js';
import type { MetricStore } from '../src/main/engine/store/metric-store.js';
import { openEngineStore } from '../src/main/engine/test-support/open-engine-store.js';
import { writeSyntheticHistory } from '../src/main/engine/store/synthetic-history.js';
import { findExecutable } from './process-group.js';
import type { BenchResult } from './report.js';
import type { BenchContext, BenchSection } from './section.js';

const DAY_MS = 86_400_000;
const RUNS = 3;
/** A fixed floor: a day of 1 Hz samples (86,400 rows) in about half a second. */
const FLOOR_ROWS_PER_SECOND = 163_000;
const SQLITE_SHARE = 0.5;

export const exportSection: BenchSection = {
  name: 'export',
  title: 'CSV export of one day of raw samples vs sqlite3 -csv',
  run: measureExport,
};

/** Copies the raw rows into a wide table; returns the row count. */
function buildWideTable(store: MetricStore, file: string, keys: readonly string[], from: number, to: number): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const quoted = keys.map((key) => `"${columnName(key).replaceAll('"', '""')}"`);
    db.exec(`CREATE TABLE wide (ts INTEGER PRIMARY KEY, ${quoted.map((q) => `${q} REAL`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO wide VALUES (?${', ?'.repeat(keys.length)})`);
    const column = new Map(keys.map((key, i) => [key, i]));
    let rows = 0;
    let after = from - 1;
    const copy = db.transaction(() => {
      for (;;) {
        const last = store.range.scan(after, to, 10_000, (ts, layout, data) => {
          const values: (number | null)[] = new Array<number | null>(keys.length).fill(null);
          const view = floatView(data);
          layout.keys.forEach((key, i) => {
            const c = column.get(key);
            if (c !== undefined) values[c] = readValue(layout, data, i, view);
          });
          insert.run(ts, ...values);
          rows++;
        });
        if (last === null) return;
        after = last;
      }
    });
    copy();
    return rows;
  } finally {
    db.close();
  }
}

/** Best of RUNS timings of `sqlite3 -csv -header`, in seconds; checks the row count. */
function timeSqlite(sqlite3: string, file: string, out: string, rows: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const fd = openSync(out, 'w');
    const started = performance.now();
    const result = spawnSync(sqlite3, ['-csv', '-header', file, 'SELECT * FROM wide'], {
      stdio: ['ignore', fd, 'pipe'],
    });
    const seconds = (performance.now() - started) / 1000;
    closeSync(fd);
    if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr?.toString() ?? result.error?.message}`);
    best = Math.min(best, seconds);
  }
  const lines = readFileSync(out, 'latin1').split('\n').length - 2;
  if (lines !== rows) throw new Error(`sqlite3 wrote ${lines} rows, expected ${rows}`);
  return best;
}

async function measureExport(ctx: BenchContext): Promise<BenchResult[]> {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const from = end - DAY_MS;
  const to = end - 1;
  const dbFile = join(ctx.tmpDir, 'day.db');
  ctx.log('writing one day of synthetic samples…');
  await writeSyntheticHistory(dbFile, { end, days: 1, rawDays: 1, minuteDays: 1 });

  const store = await openEngineStore(dbFile);
  const keys = selectSeries(store.knownSeries(), null);
  let ours = Number.POSITIVE_INFINITY;
  let rows = 0;
  let bytes = 0;
  try {
    const out = join(ctx.tmpDir, 'ours.csv');
    ctx.log(`exporting ${RUNS}× to CSV…`);
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const result = await runExport(
        store,
        { format: 'csv', from, to, resolution: 'raw', metrics: null, path: out },
        { host: 'bench', id: `bench-${run}` },
      );
      ours = Math.min(ours, (performance.now() - started) / 1000);
      rows = result.rows;
      bytes = statSync(out).size;
    }
  } finally {
    store.close();
  }
  const oursRate = rows / ours;
  const oursNote = `${rows.toLocaleString('en-US')} rows × ${keys.length} series, ${(bytes / 1e6).toFixed(1)} MB (ISO ts + ts_ms + shortest round-trip values), best of ${RUNS}, fsync and rename included`;
  const floorRow: BenchResult = {
    name: 'CSV export, fixed floor',
    value: oursRate,
    unit: 'rows/s',
    budget: { op: '>=', value: FLOOR_ROWS_PER_SECOND },
    note: 'a day of 1 Hz samples in about half a second, whatever sqlite3 does here',
  };

  const sqlite3 = findExecutable('sqlite3');
  if (!sqlite3) {
    const message = 'the sqlite3 CLI is not installed (apt-get install sqlite3): no peer figure';
    if (ctx.ci) ctx.fail(message);
    return [{ name: 'CSV export vs sqlite3 -csv', value: null, unit: 'rows/s', note: message }, floorRow];
  }
  const wideFile = join(ctx.tmpDir, 'wide.db');
  ctx.log('copying the rows into a wide table for sqlite3…');
  const store2 = await openEngineStore(dbFile);
  let wideRows: number;
  try {
    wideRows = buildWideTable(store2, wideFile, keys, from, to);
  } finally {
    store2.close();
  }
  ctx.log(`timing sqlite3 -csv ${RUNS}×…`);
  const peerSeconds = timeSqlite(sqlite3, wideFile, join(ctx.tmpDir, 'sqlite3.csv'), wideRows);
  const peerRate = wideRows / peerSeconds;
  const version = (spawnSync(sqlite3, ['--version'], { encoding: 'utf8' }).stdout ?? '').split(' ')[0] || 'unknown';
  return [
    {
      name: 'CSV export vs sqlite3 -csv',
      value: oursRate,
      unit: 'rows/s',
      budget: { op: '>=', value: SQLITE_SHARE * peerRate },
      note: `${oursNote}; sqlite3 ${version}: SELECT * FROM a wide table (ts + one REAL column per series) > file, best of ${RUNS}; budget = ${SQLITE_SHARE} × its rate in this run`,
      peers: [{ name: 'sqlite3 -csv', value: peerRate, ratio: oursRate / peerRate }],
    },
    floorRow,
  ];
}
