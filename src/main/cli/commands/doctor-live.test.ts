// What doctor says of the running engine from the live state it keeps beside the database: trusted
// only while the writer lock's holder wrote it, stale otherwise. Real files, an injected "now".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveStateFile, type LiveState } from '../../engine/store/live-state-file.js';
import { liveFinding } from './doctor-live.js';

const dir = mkdtempSync(join(tmpdir(), 'dashlight-doctor-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = new Date(2026, 10, 23, 9, 0, 0).getTime();
const HOLDER = { pid: 4242, since: '2026-11-23T08:00:00.000Z', command: 'dashlight run' };
const STATE: LiveState = {
  pid: 4242,
  command: 'dashlight run',
  at: T0,
  state: 'running',
  intervalMs: 2000,
  commitIntervalMs: 10_000,
  bufferedSamples: 3,
  writeProblem: null,
};

let n = 0;
/** A database path with the live state written as a writer would. */
function withState(state: LiveState | null): string {
  const db = join(dir, `db-${n++}.db`);
  const file = LiveStateFile.create(db);
  if (state) expect(file.write(state)).toBe(true);
  file.close();
  return db;
}

describe('liveFinding', () => {
  it('says what the running engine holds while its commits work', () => {
    expect(liveFinding(withState(STATE), HOLDER, T0 + 5000)).toEqual({
      check: 'engine',
      status: 'ok',
      detail:
        'dashlight run (pid 4242), as of 2026-11-23 09:00:00: sampling every 2s, every commit works; 3 samples waiting for the next one',
    });
  });

  it('says how much is held and when the oldest start being dropped while commits fail', () => {
    const db = withState({
      ...STATE,
      bufferedSamples: 120,
      writeProblem: {
        asOf: T0,
        since: T0 - 240_000,
        code: 'SQLITE_FULL',
        cause: 'the disk is full',
        advice: 'free space on the disk holding /data',
        bufferedSamples: 120,
        bufferLimit: 3600,
        dropsAt: T0 + 3480 * 2000,
        droppedSamples: 0,
      },
    });
    expect(liveFinding(db, HOLDER, T0 + 5000)).toEqual({
      check: 'engine',
      status: 'fail',
      detail:
        'dashlight run (pid 4242), as of 2026-11-23 09:00:00: Samples are not being saved: the disk is full (SQLITE_FULL) since 2026-11-23 08:56:00. ' +
        '120 samples are held in memory; from 2026-11-23 10:56:00 the oldest start being dropped. Free space on the disk holding /data.',
    });
  });

  it('calls a state stale when the process that wrote it no longer holds the lock', () => {
    const db = withState(STATE);
    expect(liveFinding(db, null, T0 + 5000)).toEqual({
      check: 'engine',
      status: 'ok',
      detail: `no engine is running; ${db}.live is stale: dashlight run (pid 4242) wrote it at 2026-11-23 09:00:00 and is gone`,
    });
    expect(liveFinding(db, { ...HOLDER, pid: 5151 }, T0 + 5000)).toMatchObject({
      status: 'warn',
      detail: `dashlight run (pid 5151) publishes no live state in ${db}.live (an older Dashlight, or the file could not be made): what it holds in memory cannot be seen from here`,
    });
  });

  it('says when a live engine stopped publishing, and what the last one lost when it stopped', () => {
    expect(liveFinding(withState(STATE), HOLDER, T0 + 60_001)).toEqual({
      check: 'engine',
      status: 'warn',
      detail:
        'dashlight run (pid 4242) last published its state at 2026-11-23 09:00:00: it may be stuck, or its disk takes no writes at all (see "data folder" and "disk space")',
    });
    expect(liveFinding(withState({ ...STATE, state: 'stopped', bufferedSamples: 7 }), null, T0)).toEqual({
      check: 'engine',
      status: 'ok',
      detail:
        'no engine is running; the last one, dashlight run (pid 4242), stopped at 2026-11-23 09:00:00, losing 7 samples it could not save',
    });
    expect(liveFinding(withState(null), null, T0).detail).toBe('no engine is running');
  });
});
