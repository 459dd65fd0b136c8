// `dashlight run` on a real device that fails mid-run (an ext4 image on a loop device, cut short
// while mounted): the terminal, `status` (the dashboard's banner, the tray) and doctor name a write
// failure on the device, with what to do, never "disk full" or "read-only", although SQLite sees
// SQLITE_IOERR first and then, once ext4 has stopped taking writes, SQLITE_READONLY. What was on
// the device before it failed is all there when the image is read back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dashlight, spawnRun, type SpawnedRun } from '../engine/test-support/spawned-cli.js';
import { makeFailingDevice } from '../engine/test-support/failing-device.js';

const device = makeFailingDevice();
const copies = mkdtempSync(join(tmpdir(), 'dashlight-salvaged-'));
let run: SpawnedRun | null = null;
afterAll(async () => {
  // A run that hung on the dead disk would hold the mount: it goes first.
  if (run) await run.stop('SIGKILL');
  device.cleanup();
  rmSync(copies, { recursive: true, force: true });
});
if (device.notRun) process.stderr.write(`\n*** SKIPPED: the failing-device test was ${device.notRun}. ***\n\n`);

const CAUSE = 'the disk failed a write (an I/O error on the device)';
const STOPPED_ADVICE = (mnt: string) =>
  new RegExp(
    `^check /dev/loop\\d+, mounted on ${mnt} \\(the kernel's log, dmesg, says what failed; its file system stopped taking writes after the error\\), repair it \\(unmount, fsck\\) or move the database to another disk with --db$`,
  );
const WRONG = /disk is full|read-only|SQLITE_FULL|ENOSPC/;

interface Listed {
  data: { ts: number }[];
  pagination: { total: number };
}
const listed = (db: string): Listed => JSON.parse(dashlight(['list', '--db', db, '--json', '--limit', '5000']).stdout);

async function status(origin: string, token: string): Promise<{ writeProblem?: Record<string, unknown> | null }> {
  const reply = await fetch(`${origin}/api/status`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '',
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { value: { writeProblem?: Record<string, unknown> | null } }).value;
}

function checkDoctor(db: string, pid: number): void {
  const doctor = dashlight(['doctor', '--db', db, '--json']);
  const findings = (JSON.parse(doctor.stdout) as { findings: { check: string; status: string; detail: string }[] })
    .findings;
  const finding = (check: string) => findings.find((f) => f.check === check);
  // On a failure, the whole report says which check went missing and why.
  const report = `doctor printed: ${doctor.stdout}${doctor.stderr}`;
  const device = `/dev/loop\\d+`;
  const mount = db.slice(0, db.lastIndexOf('/'));
  expect(finding('data folder'), report).toEqual({
    check: 'data folder',
    status: 'fail',
    detail: expect.stringMatching(
      new RegExp(
        `^${mount}: a write failed on ${device} \\(an I/O error on the device\\) and its file system, mounted on ${mount}, stopped taking writes; check the disk \\(the kernel's log, dmesg, says what failed\\), repair it \\(unmount, fsck\\) or move the database to another disk with --db$`,
      ),
    ),
  });
  // From the lock file's record, or, when that cannot be read, from the process holding it open.
  expect(finding('writer')?.detail, report).toMatch(new RegExp(`^in use by dashlight run .*\\(pid ${pid}, since `));
  expect(finding('engine'), report).toEqual({
    check: 'engine',
    status: 'fail',
    detail: expect.stringMatching(
      new RegExp(`^dashlight run [^(]*\\(pid ${pid}\\) cannot publish its state: a write failed on ${device} `),
    ),
  });
  // Read from the kernel's memory it is fine; from the device it cannot be read, and says why.
  const database = finding('database');
  const readable = database?.status === 'ok';
  expect(database, report).toEqual({
    check: 'database',
    status: readable ? 'ok' : 'fail',
    detail: expect.stringMatching(
      readable
        ? new RegExp(`^${db}: integrity ok, `)
        : new RegExp(
            `^cannot (read|open) (the database ${db}|settings file ${mount}/config\\.json) \\((EIO|SQLITE_IOERR\\w*)\\): the disk failed a read \\(an I/O error on the device\\); check ${device}, mounted on ${mount} `,
          ),
    ),
  });
  const settings = finding('settings');
  expect(settings, report).toEqual({
    check: 'settings',
    status: settings?.status === 'ok' ? 'ok' : 'fail',
    detail:
      settings?.status === 'ok'
        ? `${mount}/config.json`
        : expect.stringMatching(
            new RegExp(
              `^cannot read settings file ${mount}/config\\.json \\(EIO\\): the disk failed a read \\(an I/O error on the device\\); check ${device}, mounted on ${mount} `,
            ),
          ),
  });
  expect(doctor.stdout).not.toMatch(WRONG);
}

describe('dashlight run on a device that fails mid-run', () => {
  it.skipIf(device.notRun !== null)(
    'names the failing device on the terminal, in status and in doctor, and loses nothing it had written',
    async () => {
      const db = join(device.path, 'dashlight.db');
      writeFileSync(join(device.path, 'config.json'), JSON.stringify({ storage: { commitInterval: '1s' } }));
      const engine = (run = await spawnRun(['--db', db, '--interval', '1s', '--serve', '--port', '0']));
      const wait = { timeout: 60_000, interval: 200 };
      const [, origin, token] = /dashboard: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{43})/.exec(
        engine.stderr(),
      )!;
      const before: number[] = [];
      try {
        await vi.waitFor(() => expect(listed(db).pagination.total).toBeGreaterThanOrEqual(3), wait);
        before.push(...listed(db).data.map((row) => row.ts));

        device.fail();
        const line = new RegExp(
          `^dashlight: Samples are not being saved: ${CAUSE.replace(/[()]/g, '\\$&')} \\((SQLITE_IOERR\\w*|SQLITE_READONLY\\w*|EIO|EROFS)\\) since .+\\. Check (.+)\\.$`,
          'm',
        );
        await vi.waitFor(() => expect(engine.stderr()).toMatch(line), wait);
        expect(line.exec(engine.stderr())![2]).toMatch(/^(the disk holding|\/dev\/loop\d+, mounted on) /);

        // The kernel stops the file system after the first failed write; commits then meet
        // SQLITE_READONLY. Status still says what it is.
        await vi.waitFor(async () => {
          const { writeProblem } = await status(origin!, token!);
          expect(writeProblem).toMatchObject({
            cause: CAUSE,
            advice: expect.stringMatching(STOPPED_ADVICE(device.path)),
          });
        }, wait);
        const { writeProblem } = await status(origin!, token!);
        expect(JSON.stringify(writeProblem)).not.toMatch(WRONG);

        // Whether the database and its lock can still be read depends on which of their pages the
        // kernel still holds in memory (their blocks are past the device's new end). The doctor is
        // asked twice: as it comes, and with the page cache dropped, so nothing can be read from
        // the device. Both times it names the writer, the failed device, and nothing else.
        checkDoctor(db, engine.child.pid!);
        try {
          writeFileSync('/proc/sys/vm/drop_caches', '3');
        } catch {
          // A container may forbid it: the second doctor then reads what memory still holds.
        }
        checkDoctor(db, engine.child.pid!);
      } finally {
        const end = await engine.stop();
        // It ends (no hang on a dead disk), saying what could not be saved and why.
        expect(end).toEqual({ code: 1, signal: null });
      }
      expect(engine.stderr()).toMatch(
        new RegExp(
          // Whichever last write met the device first: a module's, the buffer's, or the database's close.
          // Its pages dropped from memory, a last write may first need a read the device fails.
          `^dashlight: (the \\w+ module could not save its last data|\\d+ samples? held in memory could not be saved|the database \\S+ could not be closed cleanly) \\((SQLITE_IOERR|SQLITE_READONLY)\\w*\\): the disk failed a (read|write) \\(an I/O error on the device\\); check /dev/loop\\d+, mounted on ${device.path} `,
          'm',
        ),
      );
      expect(engine.stderr()).not.toMatch(WRONG);

      device.salvage(copies, ['dashlight.db', 'dashlight.db-wal']);
      const after = new Set(listed(join(copies, 'dashlight.db')).data.map((row) => row.ts));
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(before.filter((ts) => !after.has(ts))).toEqual([]);
    },
    180_000,
  );
});
