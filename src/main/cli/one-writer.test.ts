// One writer per database, with real processes: `dashlight run` spawned as a user starts it, a
// second writer refused with one line naming the holder, queries working beside it, and a lock
// left by `kill -9` taken over by the next writer.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WriterLock } from '../engine/store/writer-lock.js';
import { dashlight, spawnRun, type SpawnedRun } from '../engine/test-support/spawned-cli.js';

const runs: SpawnedRun[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) await run.stop('SIGKILL');
});

async function running(db: string) {
  const run = await spawnRun(['--db', db, '--interval', '1s']);
  runs.push(run);
  return run;
}

/** The one line a second writer prints, for the holder the lock file names. */
function inUse(db: string): string {
  const holder = WriterLock.holder(db);
  expect(holder, 'no live process holds the lock').not.toBeNull();
  return (
    `dashlight: ${db} is in use by ${holder!.command} (pid ${holder!.pid}, since ${holder!.since}): ` +
    'one writer per database; stop it first or use another --db. ' +
    'Queries (latest, list, stats, history, export, push status) work beside it\n'
  );
}

describe('one writer per database', () => {
  it('refuses a second writer with one line naming the holder, and exit 2', async () => {
    const db = join(await mkdtemp(join(tmpdir(), 'dashlight-writer-')), 'dashlight.db');
    const first = await running(db);
    expect(WriterLock.holder(db)).toMatchObject({
      pid: first.child.pid,
      command: `dashlight run --db ${db} --interval 1s`,
    });
    const second = dashlight(['run', '--db', db]);
    expect(second.status).toBe(2);
    expect(second.stderr).toBe(inUse(db));
    const sample = dashlight(['sample', '--db', db]);
    expect(sample.status).toBe(2);
    expect(sample.stderr).toBe(inUse(db));
    // The first one goes on, and ends as it should.
    expect(await first.stop()).toEqual({ code: 0, signal: null });
    expect(WriterLock.holder(db)).toBeNull();
  });

  it('answers queries beside a running engine', async () => {
    const db = join(await mkdtemp(join(tmpdir(), 'dashlight-readers-')), 'dashlight.db');
    await running(db);
    expect(dashlight(['sample', '--db', `${db}-other`]).status).toBe(0); // another database is another writer's
    for (const args of [
      ['latest', '--json'],
      ['list', '--json'],
      ['stats', '--json'],
      ['history', '--metric', 'cpu.total', '--from', '-1h', '--json'],
      ['export', '--from', '-1h', '--out', '-'],
      ['metrics'],
      ['push', 'status'],
      ['alerts', 'list'],
    ]) {
      const result = dashlight([...args, '--db', db]);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr, args.join(' ')).not.toContain('in use by');
    }
    const doctor = JSON.parse(dashlight(['doctor', '--db', db, '--json']).stdout) as {
      findings: { check: string; status: string; detail: string }[];
    };
    const holder = WriterLock.holder(db)!;
    expect(doctor.findings.find((f) => f.check === 'writer')).toEqual({
      check: 'writer',
      status: 'ok',
      detail: `in use by ${holder.command} (pid ${holder.pid}, since ${holder.since}); queries work beside it`,
    });
  });

  it('takes over the lock a crashed writer left, and checks the database it left open', async () => {
    const db = join(await mkdtemp(join(tmpdir(), 'dashlight-stale-')), 'dashlight.db');
    const crashed = await running(db);
    const pid = crashed.child.pid!;
    expect(await crashed.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // The lock file is still there, naming the dead process, but nothing holds it.
    expect(WriterLock.holder(db)).toBeNull();
    const doctor = JSON.parse(dashlight(['doctor', '--db', db, '--json']).stdout) as {
      findings: { check: string; status: string; detail: string }[];
    };
    expect(doctor.findings.find((f) => f.check === 'quick check')).toEqual({
      check: 'quick check',
      status: 'warn',
      detail: expect.stringMatching(
        new RegExp(
          `^the last writer \\(pid ${pid} since \\S+\\) did not close the database cleanly: the next start runs PRAGMA quick_check before writing$`,
        ),
      ),
    });
    const next = await running(db);
    expect(WriterLock.holder(db)).toMatchObject({ pid: next.child.pid });
    expect(await next.stop()).toEqual({ code: 0, signal: null });
    const after = JSON.parse(dashlight(['doctor', '--db', db, '--json']).stdout) as {
      findings: { check: string; status: string; detail: string }[];
    };
    expect(after.findings.find((f) => f.check === 'quick check')).toEqual({
      check: 'quick check',
      status: 'ok',
      detail:
        'not needed at the next start: the last writer closed the database cleanly (it runs after an unclean shutdown)',
    });
  });
});
