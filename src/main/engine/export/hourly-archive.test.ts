import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { DAY_MS, HOUR_MS } from '../store/schema.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { hourFile } from './archive-paths.js';
import { HourlyArchive } from './hourly-archive.js';

/** One sample every 10 s over [from, to). */
function fill(store: MetricStore, from: number, to: number): void {
  for (let ts = from; ts < to; ts += 10_000) {
    store.append({ ts, values: { 'cpu.total': (ts - T0) / 10_000, 'net.rx[eth0]': 1.5 } });
  }
  store.flush();
}

interface HourRow {
  hour_start: number;
  status: string;
  file: string | null;
  rows: number;
  error: string | null;
}

function jobRows(store: MetricStore): HourRow[] {
  return store.connection
    .prepare('SELECT hour_start, status, file, rows, error FROM archive_hours ORDER BY hour_start')
    .all() as HourRow[];
}

describe('HourlyArchive (real SQLite)', () => {
  const dir = useTempDir('dashlight-archive-');

  async function setup(folderName = 'archive') {
    const store = await openEngineStore(dbIn(dir));
    const folder = join(dir(), folderName);
    const archive = new HourlyArchive({
      store,
      db: store.connection,
      folder,
      host: 'box',
      log: silentLogger(),
    });
    return { store, folder, archive };
  }

  it('fills every missing completed hour with a JSON file named by day and hour', async () => {
    const { store, folder, archive } = await setup();
    fill(store, T0, T0 + 3 * HOUR_MS);
    const now = T0 + 3 * HOUR_MS + 2 * 60_000;
    expect(await archive.runOnce(now)).toEqual({ written: 3, empty: 0, skipped: 0, failed: 0 });
    expect(readdirSync(join(folder, '2026-01-01')).sort()).toEqual(['00-01.json', '01-02.json', '02-03.json']);
    const doc = JSON.parse(readFileSync(join(folder, '2026-01-01', '01-02.json'), 'utf8')) as {
      host: string;
      from: string;
      to: string;
      resolution: string;
      columns: string[];
      rows: number[][];
    };
    expect(doc).toMatchObject({
      host: 'box',
      from: '2026-01-01T01:00:00.000Z',
      to: '2026-01-01T01:59:59.999Z',
      resolution: 'raw',
      columns: ['ts_ms', 'cpu.total_pct', 'net.rx[eth0]_bytes_per_s'],
    });
    expect(doc.rows).toHaveLength(360);
    expect(doc.rows[0]).toEqual([T0 + HOUR_MS, 360, 1.5]);
    expect(doc.rows.at(-1)![0]).toBe(T0 + 2 * HOUR_MS - 10_000);
    expect(jobRows(store)).toEqual(
      [0, 1, 2].map((h) => ({
        hour_start: T0 + h * HOUR_MS,
        status: 'done',
        file: join(folder, hourFile(T0 + h * HOUR_MS)),
        rows: 360,
        error: null,
      })),
    );
    expect(archive.status()).toMatchObject({
      folder,
      lastHour: T0 + 2 * HOUR_MS,
      lastFile: join(folder, '2026-01-01', '02-03.json'),
      lastWrittenAt: now,
      failedHours: 0,
      lastError: null,
    });
    store.close();
  });

  it('writes nothing on a second run, not even an hour whose file was deleted', async () => {
    const { store, folder, archive } = await setup();
    fill(store, T0, T0 + 3 * HOUR_MS);
    const now = T0 + 3 * HOUR_MS + 2 * 60_000;
    await archive.runOnce(now);
    const mtime = statSync(join(folder, '2026-01-01', '00-01.json')).mtimeMs;
    rmSync(join(folder, '2026-01-01', '02-03.json'));
    expect(await archive.runOnce(now + HOUR_MS / 2)).toEqual({ written: 0, empty: 0, skipped: 3, failed: 0 });
    expect(statSync(join(folder, '2026-01-01', '00-01.json')).mtimeMs).toBe(mtime);
    expect(existsSync(join(folder, '2026-01-01', '02-03.json'))).toBe(false);
    store.close();
  });

  it('never writes the running hour, nor one that ended less than a minute ago', async () => {
    const { store, folder, archive } = await setup();
    fill(store, T0, T0 + 2 * HOUR_MS + 30 * 60_000);
    // 02:00:30: hour 01-02 ended 30 s ago (inside the grace period), 02-03 is running.
    expect(await archive.runOnce(T0 + 2 * HOUR_MS + 30_000)).toMatchObject({ written: 1 });
    expect(readdirSync(join(folder, '2026-01-01'))).toEqual(['00-01.json']);
    // 02:30: hour 01-02 is now due; 02-03 still is not.
    expect(await archive.runOnce(T0 + 2 * HOUR_MS + 30 * 60_000)).toMatchObject({ written: 1, skipped: 1 });
    expect(readdirSync(join(folder, '2026-01-01')).sort()).toEqual(['00-01.json', '01-02.json']);
    store.close();
  });

  it('records an hour without samples as done, with no file', async () => {
    const { store, folder, archive } = await setup();
    fill(store, T0, T0 + HOUR_MS);
    fill(store, T0 + 2 * HOUR_MS, T0 + 3 * HOUR_MS);
    expect(await archive.runOnce(T0 + 3 * HOUR_MS + 60_000)).toEqual({ written: 2, empty: 1, skipped: 0, failed: 0 });
    expect(readdirSync(join(folder, '2026-01-01')).sort()).toEqual(['00-01.json', '02-03.json']);
    expect(jobRows(store)[1]).toEqual({ hour_start: T0 + HOUR_MS, status: 'done', file: null, rows: 0, error: null });
    store.close();
  });

  it('records failures, and a later run with a good folder writes the hours', async () => {
    const blocker = join(dir(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const { store } = await setup();
    fill(store, T0, T0 + 3 * HOUR_MS);
    const now = T0 + 3 * HOUR_MS + 2 * 60_000;
    const bad = new HourlyArchive({
      store,
      db: store.connection,
      folder: join(blocker, 'archive'),
      host: 'box',
      log: silentLogger(),
    });
    expect(await bad.runOnce(now)).toEqual({ written: 0, empty: 0, skipped: 0, failed: 3 });
    const rows = jobRows(store);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0]!.error).toMatch(/a part of the path is a file, not a folder \(ENOTDIR\)/);
    expect(bad.status()).toMatchObject({ failedHours: 3, lastError: expect.stringContaining('ENOTDIR') });

    const good = new HourlyArchive({
      store,
      db: store.connection,
      folder: join(dir(), 'ok'),
      host: 'box',
      log: silentLogger(),
    });
    expect(await good.runOnce(now + 60_000)).toEqual({ written: 3, empty: 0, skipped: 0, failed: 0 });
    expect(jobRows(store).map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(good.status()).toMatchObject({ failedHours: 0, lastError: null });
    store.close();
  });

  it('does not attempt hours whose raw samples retention has deleted', async () => {
    const { store, folder, archive } = await setup();
    fill(store, T0, T0 + 4 * HOUR_MS);
    // An hour that failed once, before retention removed its samples.
    store.connection
      .prepare(
        "INSERT INTO archive_hours (hour_start, status, rows, written_at, error) VALUES (?, 'failed', 0, ?, 'x')",
      )
      .run(T0, T0);
    const now = T0 + DAY_MS + 90 * 60_000;
    store.applyRetention({ rawDays: 1, minuteDays: 90, hourDays: 1825, maxSizeMb: null }, now);
    expect(store.range.oldestAfter(0)).toBe(T0 + 90 * 60_000);

    const report = await archive.runOnce(now);
    expect(report).toMatchObject({ written: 3, failed: 0 });
    // 01-02 keeps the half retention left; 00-01 is not attempted, and its failure expires.
    expect(readdirSync(join(folder, '2026-01-01')).sort()).toEqual(['01-02.json', '02-03.json', '03-04.json']);
    const first = JSON.parse(readFileSync(join(folder, '2026-01-01', '01-02.json'), 'utf8')) as { rows: unknown[] };
    expect(first.rows).toHaveLength(180);
    expect(jobRows(store)[0]).toMatchObject({ hour_start: T0, status: 'expired' });
    expect(archive.status().failedHours).toBe(0);
    store.close();
  });

  it('runs one pass at a time: a call during a run shares its report', async () => {
    const { store, archive } = await setup();
    fill(store, T0, T0 + 2 * HOUR_MS);
    const now = T0 + 2 * HOUR_MS + 60_000;
    const [a, b] = await Promise.all([archive.runOnce(now), archive.runOnce(now)]);
    expect(a).toBe(b);
    expect(a.written).toBe(2);
    store.close();
  });
});

describe('hourFile', () => {
  it('names the file by UTC day and hour, ending at 24 for the last hour', () => {
    expect(hourFile(Date.UTC(2026, 10, 23, 6))).toBe('2026-11-23/06-07.json');
    expect(hourFile(Date.UTC(2026, 10, 23, 0))).toBe('2026-11-23/00-01.json');
    expect(hourFile(Date.UTC(2026, 10, 23, 23))).toBe('2026-11-23/23-24.json');
  });
});
