// A full disk under `dashlight run`, spawned as a user starts it, on a small tmpfs made for the
// test: the terminal says so once per episode (how much is held, when the oldest start being
// dropped), queries still answer, doctor fails on it, and the terminal says when it is over.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dashlight, spawnRun } from '../engine/test-support/spawned-cli.js';
import { mountSmallDisk } from '../engine/test-support/small-disk.js';

const disk = mountSmallDisk('3m');
afterAll(() => disk.unmount());
if (!disk.mounted)
  process.stderr.write(
    '\n*** SKIPPED: the full-disk run test needs to mount a small tmpfs (root with CAP_SYS_ADMIN). ***\n\n',
  );

const PROBLEM =
  /^dashlight: Samples are not being saved: the disk is full \(SQLITE_FULL\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\. (\d+) samples? (is|are) held in memory; from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d the oldest start being dropped\. Free space on the disk holding (\S+), or lower storage\.retention \(maxSizeMb\) in the settings\.$/m;

const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d';
const ENGINE = new RegExp(
  `^dashlight run [^(]*\\(pid (\\d+)\\), as of (${TIME}): Samples are not being saved: the disk is full \\(SQLITE_FULL\\) since (${TIME})\\. (\\d+) samples? (is|are) held in memory; from (${TIME}) the oldest start being dropped\\. Free space on the disk holding (\\S+), or lower storage\\.retention \\(maxSizeMb\\) in the settings\\.$`,
);

/** `YYYY-MM-DD HH:MM:SS`, local time, as the CLI prints it, in ms. */
function localMs(text: string): number {
  const [y, mo, d, h, mi, s] = text.split(/[- :]/).map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s).getTime();
}

function engineFinding(db: string): { check: string; status: string; detail: string } {
  const doctor = JSON.parse(dashlight(['doctor', '--db', db, '--json']).stdout) as {
    findings: { check: string; status: string; detail: string }[];
  };
  return doctor.findings.find((f) => f.check === 'engine')!;
}

describe('dashlight run on a full disk', () => {
  it.runIf(!disk.mounted && Boolean(process.env.CI))('can mount the tmpfs this test needs (required in CI)', () => {
    expect.fail('mount -t tmpfs failed; CI must run the full-disk test, not skip it');
  });

  it.runIf(disk.mounted)('says so once on the terminal, still answers queries, and says when it is over', async () => {
    const db = join(disk.path, 'dashlight.db');
    writeFileSync(join(disk.path, 'config.json'), JSON.stringify({ storage: { commitInterval: '1s' } }));
    const run = await spawnRun(['--db', db, '--interval', '1s']);
    const wait = { timeout: 60_000, interval: 100 };
    try {
      // Something committed first: what other processes (queries) read is what is on disk.
      await vi.waitFor(() => {
        const listed = dashlight(['list', '--db', db, '--json']);
        expect(JSON.parse(listed.stdout).pagination.total).toBeGreaterThan(0);
      }, wait);
      disk.fill();
      await vi.waitFor(() => expect(run.stderr()).toMatch(PROBLEM), wait);
      expect(PROBLEM.exec(run.stderr())![3]).toBe(disk.path);

      const latest = dashlight(['latest', '--db', db, '--json']);
      expect(latest.status, latest.stderr).toBe(0);
      expect(JSON.parse(latest.stdout)).toMatchObject({ data: { values: { 'cpu.total': expect.any(Number) } } });
      const doctor = JSON.parse(dashlight(['doctor', '--db', db, '--json']).stdout) as {
        findings: { check: string; status: string; detail: string }[];
      };
      expect(doctor.findings.find((f) => f.check === 'disk space')).toEqual({
        check: 'disk space',
        status: 'fail',
        detail: expect.stringMatching(
          new RegExp(
            `^the disk holding ${disk.path} is full \\(\\d+(\\.\\d)? (B|KiB) free\\): samples cannot be saved; a running engine holds them in memory \\(up to an hour of them\\), then drops the oldest\\. Free space on that disk, or lower storage\\.retention \\(maxSizeMb\\) in the settings$`,
          ),
        ),
      });

      // Doctor, another process, reads what the running engine holds and when it starts dropping
      // from the state that engine keeps (in place) on the full disk, once it checked the holder is alive.
      const live = engineFinding(db);
      expect(live.status).toBe('fail');
      const seen = ENGINE.exec(live.detail);
      expect(seen, live.detail).not.toBeNull();
      const [, pid, asOf, since, count, , dropsFrom, folder] = seen!;
      expect(Number(pid)).toBe(run.child.pid);
      expect(folder).toBe(disk.path);
      // The buffer holds an hour at 1 Hz (3,600 samples); one sample a second fills what is left.
      const held = Number(count);
      expect(held).toBeGreaterThanOrEqual(Number(PROBLEM.exec(run.stderr())![1]));
      expect(localMs(dropsFrom!) - localMs(asOf!)).toBe((3600 - held) * 1000);
      expect(localMs(since!)).toBeLessThanOrEqual(localMs(asOf!));

      disk.free();
      await vi.waitFor(
        () =>
          expect(run.stderr()).toMatch(
            /^dashlight: samples are being saved again; the \d+ samples? held in memory were written$/m,
          ),
        wait,
      );
      // Once per episode, however many commits failed meanwhile.
      expect(run.stderr().match(/Samples are not being saved/g)).toHaveLength(1);
    } finally {
      expect(await run.stop()).toEqual({ code: 0, signal: null });
    }
    expect(JSON.parse(dashlight(['list', '--db', db, '--json']).stdout).pagination.total).toBeGreaterThan(0);
    // Stopped: the state it left is history, and doctor says so rather than trusting it.
    expect(engineFinding(db)).toEqual({
      check: 'engine',
      status: 'ok',
      detail: expect.stringMatching(
        new RegExp(
          `^no engine is running; the last one, dashlight run .* \\(pid ${run.child.pid}\\), stopped at ${TIME}$`,
        ),
      ),
    });
  });
});
