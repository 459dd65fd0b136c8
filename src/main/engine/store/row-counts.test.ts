import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { RowCounts } from './row-counts.js';
import { DAY_MS, HOUR_MS, TIER_LIST } from './schema.js';
import { T0, dbIn, useTempDir } from './test-support.js';

describe('row counts', () => {
  const dir = useTempDir();

  it('agree with COUNT(*) for every tier and any range, through commits, rollups and retention', async () => {
    const store = await MetricStore.open(dbIn(dir));
    const db = store.connection;
    const counts = new RowCounts(db);
    // Three days every 10 s, with a pause of 5 hours and a day at 60 s: spans full, partial and empty.
    for (let ts = T0; ts < T0 + 3 * DAY_MS; ts += ts >= T0 + 2 * DAY_MS ? 60_000 : 10_000) {
      if (ts >= T0 + 20 * HOUR_MS && ts < T0 + 25 * HOUR_MS) continue;
      store.append({ ts, values: { 'cpu.total': 1 } });
      if (store.pendingCount() >= 1000) store.flush();
    }
    store.flush();
    const check = () => {
      for (const tier of TIER_LIST) {
        const total = db.prepare(`SELECT count(*) FROM ${tier.table}`).pluck().get() as number;
        expect([tier.name, store.info().rows[tier.name]]).toEqual([tier.name, total]);
      }
      fc.assert(
        fc.property(
          fc.constantFrom(...TIER_LIST),
          fc.integer({ min: T0 - HOUR_MS, max: T0 + 4 * DAY_MS }),
          fc.integer({ min: 0, max: 4 * DAY_MS }),
          (tier, from, length) => {
            const sql = db.prepare(`SELECT count(*) FROM ${tier.table} WHERE ts >= ? AND ts <= ?`);
            expect(counts.count(tier.name, from, from + length)).toBe(sql.pluck().get(from, from + length));
          },
        ),
        { numRuns: 200 },
      );
    };
    check();
    store.rollup(T0 + 3 * DAY_MS + HOUR_MS);
    check();
    store.applyRetention({ rawDays: 1.5, minuteDays: 2, hourDays: 30, maxSizeMb: null }, T0 + 3 * DAY_MS + HOUR_MS);
    check();
    store.close();
  });
});
