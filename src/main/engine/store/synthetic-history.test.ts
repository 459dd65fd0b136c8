import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeSyntheticHistory } from './synthetic-history.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function newest(file: string): { raw: number; m: number; h: number } {
  const db = new Database(file, { readonly: true });
  try {
    const max = (table: string) => (db.prepare(`SELECT max(ts) AS ts FROM ${table}`).get() as { ts: number }).ts;
    return { raw: max('samples'), m: max('rollup_1m'), h: max('rollup_1h') };
  } finally {
    db.close();
  }
}

describe('writeSyntheticHistory', () => {
  // 10:37:30 UTC: the hour began 37.5 minutes earlier.
  const end = Date.UTC(2026, 10, 23, 10, 37, 30);

  it('stops every tier at the hour by default', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dashlight-synth-')), 'a.db');
    await writeSyntheticHistory(file, { end, days: 2, rawDays: 1, minuteDays: 1 });
    const hour = Date.UTC(2026, 10, 23, 10);
    expect(newest(file)).toEqual({ raw: hour - 1000, m: hour - MINUTE, h: hour - HOUR });
  });

  it('with alignEnd "minute", runs raw and 1-minute rows up to the last whole minute', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dashlight-synth-')), 'b.db');
    await writeSyntheticHistory(file, { end, days: 2, rawDays: 1, minuteDays: 1, alignEnd: 'minute' });
    const minute = Date.UTC(2026, 10, 23, 10, 37);
    const hour = Date.UTC(2026, 10, 23, 10);
    expect(newest(file)).toEqual({ raw: minute - 1000, m: minute - MINUTE, h: hour - HOUR });
  });
});
