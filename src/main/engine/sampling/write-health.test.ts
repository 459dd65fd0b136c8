// Failed commits followed as one episode, against a real SQLite file another connection holds
// locked (the same failure path as a full disk: the commit throws, the rows stay buffered). The
// clock is the test's: since, and when the oldest samples start being dropped, are exact.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MetricStore } from '../store/metric-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { TestClock } from '../test-support/test-clock.js';
import { WriteHealth } from './write-health.js';

describe('WriteHealth', () => {
  const dir = useTempDir();

  it('says since when, how much is buffered and when the oldest start being dropped, then clears', async () => {
    const file = dbIn(dir);
    const store = await MetricStore.open(file, { busyTimeoutMs: 10, maxPendingRows: 5 });
    const clock = new TestClock(T0);
    const health = new WriteHealth(store, clock);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const tick = () => {
      clock.advance(2000);
      store.append({ ts: clock.wall(), values: { 'cpu.total': 1 } });
      try {
        store.flush();
      } catch {
        // Kept buffered: what the episode is about.
      }
      health.afterCommit();
    };
    tick();
    expect(health.problem(2000)).toEqual({
      asOf: T0 + 2000,
      since: T0 + 2000,
      code: 'SQLITE_BUSY',
      cause: 'the database is locked by another process',
      advice: `close the other program using ${file} (another Dashlight, or a sqlite3 shell holding a transaction)`,
      bufferedSamples: 1,
      bufferLimit: 5,
      // Four more samples fit, one every 2 s.
      dropsAt: T0 + 2000 + 4 * 2000,
      droppedSamples: 0,
    });
    for (let i = 0; i < 6; i++) tick();
    // The buffer filled at the 5th sample; the 6th (at T0 + 12 s) dropped the oldest.
    expect(health.problem(2000)).toMatchObject({
      since: T0 + 2000,
      bufferedSamples: 5,
      dropsAt: T0 + 12_000,
      droppedSamples: 2,
    });
    other.exec('ROLLBACK');
    other.close();
    tick();
    expect(health.problem(2000)).toBeNull();
    store.close();
  });
});
