import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { HOUR_MS, MINUTE_MS, PART_SERIES, TIER_LIST } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

/**
 * A database written by the engine before migration 0005 (the main branch at a5021c8, migrations
 * 0001–0003): 120 samples every 30 s from 2026-01-01 00:00 UTC, with cpu.total = i, mem.percent
 * = 50 and a byte counter; the first 40 also carry 70 cores (cpu.core[c] = c), so its 1-minute
 * and 1-hour rows of minutes 0–19 hold 73 series, stored whole. A sleep gap at 00:29:30–00:30:00.
 * Rolled up at 02:00: 60 minutes and 1 hour.
 */
const FIXTURE = new URL('../fixtures/main-0003.db.gz', import.meta.url);

function countsMatchRows(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    for (const tier of TIER_LIST) {
      const counted = db.prepare('SELECT coalesce(sum(rows), 0) FROM row_counts WHERE tier = ?').pluck().get(tier.name);
      expect([tier.name, counted]).toEqual([tier.name, db.prepare(`SELECT count(*) FROM ${tier.table}`).pluck().get()]);
    }
  } finally {
    db.close();
  }
}

describe('a database written before migration 0005', () => {
  const dir = useTempDir();

  it('upgrades in place: rows kept and counted, new tiers filled by the next rollup, wide rows read either way', async () => {
    const file = dbIn(dir);
    writeFileSync(file, gunzipSync(readFileSync(FIXTURE)));
    const store = await openEngineStore(file);
    const applied = store.connection.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(applied).toEqual([
      '0001_initial',
      '0002_alerts',
      '0003_export_push',
      '0004_push_retry',
      '0005_tiers',
      '0006_processes',
      '0007_mqtt',
      '0008_tiers_30s_2m_30m',
    ]);
    expect(store.info().rows).toEqual({
      raw: 120,
      '10s': 0,
      '30s': 0,
      '1m': 60,
      '2m': 0,
      '5m': 0,
      '15m': 0,
      '30m': 0,
      '1h': 1,
      '6h': 0,
      '1d': 0,
    });
    countsMatchRows(file);

    // 31 points over the hour: 120 raw rows are over 109, the 1-minute rows (stored whole, 73
    // series wide for minutes 0–19) are not: 2-minute points, and the gap's null.
    const hour = store.history({
      series: ['cpu.total', 'cpu.core[69]'],
      from: T0,
      to: T0 + HOUR_MS - 1,
      maxPoints: 31,
    });
    expect(hour).toMatchObject({ tier: '1m', bucketMs: 2 * MINUTE_MS });
    expect(hour.series['cpu.total']!.avg.slice(0, 3)).toEqual([1.5, 5.5, 9.5]);
    expect(hour.series['cpu.core[69]']!.avg).toEqual(Array.from({ length: 10 }, () => 69));

    // The new tiers start at the oldest row of their source; the old ones carry on from their watermarks.
    expect(store.rollup(T0 + 2 * HOUR_MS)).toEqual({
      '10s': 120,
      '30s': 120,
      '1m': 0,
      '2m': 30,
      '5m': 12,
      '15m': 4,
      '30m': 2,
      '1h': 0,
      '6h': 0,
      '1d': 0,
    });
    expect(store.info().rows).toEqual({
      raw: 120,
      '10s': 120,
      '30s': 120,
      '1m': 60,
      '2m': 30,
      '5m': 12,
      '15m': 4,
      '30m': 2,
      '1h': 1,
      '6h': 0,
      '1d': 0,
    });
    countsMatchRows(file);

    // 5-minute rows of minutes 0–19 are 73 series wide: the first 64 in the tier's table, the rest in parts.
    const db = new Database(file, { readonly: true });
    const lengths = db.prepare('SELECT length(data) FROM rollup_5m ORDER BY ts').pluck().all();
    expect(lengths).toEqual([
      ...Array.from({ length: 4 }, () => PART_SERIES * 16),
      ...Array.from({ length: 8 }, () => 3 * 16),
    ]);
    expect(db.prepare('SELECT count(*) FROM rollup_5m_parts').pluck().get()).toBe(4);
    db.close();
    const fiveMinutes = store.history({
      series: ['cpu.core[69]', 'cpu.core[0]'],
      from: T0,
      to: T0 + HOUR_MS - 1,
      maxPoints: 12,
    });
    expect(fiveMinutes.tier).toBe('5m');
    expect(fiveMinutes.series['cpu.core[69]']!.avg).toEqual([69, 69, 69, 69]);
    expect(fiveMinutes.series['cpu.core[0]']!.avg).toEqual([0, 0, 0, 0]);

    // The sleep gap still breaks the line, and new samples are taken in and counted.
    const raw = store.history({ series: ['cpu.total'], from: T0, to: T0 + HOUR_MS - 1, maxPoints: 1000 });
    expect(raw.series['cpu.total']!.avg.filter((v) => v === null)).toHaveLength(1);
    store.append({ ts: T0 + 3 * HOUR_MS, values: { 'cpu.total': 7 } });
    expect(store.flush()).toBe(1);
    expect(store.info().rows.raw).toBe(121);
    store.close();
    countsMatchRows(file);
  });
});
