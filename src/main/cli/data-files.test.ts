// What Dashlight does with a data file that is not a plain file of its own, through the CLI as a
// user runs it (spawned, real files): another application's SQLite file and one written by a newer
// Dashlight are refused and left byte for byte as they were; /proc, /sys, /dev, a folder or a pipe
// in the database's place fail at once; a read-only folder still answers queries, and writing
// commands say what is wrong and how to fix it.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashlight } from '../engine/test-support/spawned-cli.js';

const CHOOSE = 'choose a file on a disk with --db FILE or DASHLIGHT_DATA_DIR=/path';
/** The version the built CLI says it is: package.json's. */
const VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** What a folder holds, byte for byte (a folder in it by name). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).map((entry) => [
      entry.name,
      entry.isDirectory() ? '(folder)' : readFileSync(join(dir, entry.name)).toString('base64'),
    ]),
  );
}

describe("files that are not Dashlight's", () => {
  it("refuses another application's SQLite file, writer or reader, and leaves it untouched", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-foreign-'));
    const file = join(dir, 'notes.db');
    const other = new Database(file);
    other.exec(
      "CREATE TABLE contacts (name TEXT); CREATE TABLE messages (body TEXT); INSERT INTO contacts VALUES ('Ada')",
    );
    other.close();
    const before = snapshot(dir);
    for (const command of ['run', 'latest', 'sample']) {
      const result = dashlight([command, '--db', file]);
      expect(result.status, command).toBe(2);
      expect(result.stderr).toBe(
        `dashlight: ${file} is an SQLite database of another application (tables contacts, messages), not a Dashlight database; ` +
          'it was left untouched: give Dashlight a file of its own with --db FILE or DASHLIGHT_DATA_DIR=/path\n',
      );
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('names another application by its application_id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-foreign-id-'));
    const file = join(dir, 'app.db');
    const other = new Database(file);
    other.pragma('application_id = 123');
    other.exec('CREATE TABLE things (x)');
    other.close();
    const before = snapshot(dir);
    const result = dashlight(['run', '--db', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /is another application's SQLite database \(application_id 0x0000007b; tables things\), not a Dashlight database/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a database a newer Dashlight wrote, saying which, and never modifies it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-newer-'));
    const db = join(dir, 'dashlight.db');
    expect(dashlight(['sample', '--db', db]).status).toBe(0);
    // What a later version leaves: a migration this one does not know, its version, its schema number.
    const later = new Database(db);
    later.exec("INSERT INTO kysely_migration (name, timestamp) VALUES ('0099_future', '2030-01-01T00:00:00.000Z')");
    later.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', '9.9.0')");
    later.pragma('user_version = 99');
    later.close();
    const before = snapshot(dir);
    for (const command of ['run', 'latest']) {
      const result = dashlight([command, '--db', db]);
      expect(result.status, command).toBe(2);
      expect(result.stderr).toBe(
        `dashlight: ${db} was written by Dashlight 9.9.0, newer than this Dashlight ${VERSION} (schema 8); ` +
          'upgrade Dashlight to open it. The file was left untouched\n',
      );
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('paths that cannot hold data', () => {
  it('fails at once under /proc, /sys and /dev, with one line', () => {
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [
        ['run', '--db', '/proc/self/dashlight.db'],
        {},
        '/proc/self/dashlight.db is under /proc, the kernel’s view of its processes',
      ],
      [
        ['latest', '--db', '/sys/dashlight.db'],
        {},
        '/sys/dashlight.db is under /sys, the kernel’s view of its devices',
      ],
      [['run', '--db', '/dev/null'], {}, '/dev/null is under /dev, where devices live'],
      [
        ['sample'],
        { DASHLIGHT_DATA_DIR: '/proc/dashlight' },
        '/proc/dashlight/dashlight.db is under /proc, the kernel’s view of its processes',
      ],
    ];
    for (const [args, env, what] of cases) {
      // A hang (the old endless mkdir under /proc) fails this through the timeout.
      const result = dashlight(args, env, 20_000);
      expect(result.signal, args.join(' ')).toBeNull();
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`dashlight: ${what}, not a place for data: ${CHOOSE}\n`);
    }
  });

  it("names a folder or a named pipe in the database's place for what it is", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-notafile-'));
    const folder = join(dir, 'history.db');
    mkdirSync(folder);
    const asFolder = dashlight(['run', '--db', folder]);
    expect(asFolder.status).toBe(2);
    expect(asFolder.stderr).toBe(
      `dashlight: ${folder} is a folder, not a database file: give a file in it, e.g. --db ${join(folder, 'dashlight.db')}\n`,
    );
    const pipe = join(dir, 'pipe.db');
    execFileSync('mkfifo', [pipe]);
    const asPipe = dashlight(['latest', '--db', pipe], {}, 20_000);
    expect(asPipe.status).toBe(2);
    expect(asPipe.stderr).toBe(`dashlight: ${pipe} is a named pipe, not a database file: ${CHOOSE}\n`);
  });
});

// As root, file modes do not stop a write: the folder is then made read-only by a read-only bind
// mount (EROFS), as a user meets on a read-only file system; otherwise by its mode (EACCES).
const asRoot = process.getuid?.() === 0;

describe('a read-only data folder', () => {
  let dir: string;
  let db: string;
  let mounted = false;
  beforeAll(async () => {
    const made = await mkdtemp(join(tmpdir(), 'dashlight-readonly-'));
    const source = join(made, 'data');
    mkdirSync(source);
    for (let i = 0; i < 3; i++) expect(dashlight(['sample', '--db', join(source, 'dashlight.db')]).status).toBe(0);
    if (asRoot) {
      dir = join(made, 'mounted');
      mkdirSync(dir);
      execFileSync('mount', ['--bind', source, dir]);
      mounted = true;
      execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
    } else {
      dir = source;
      chmodSync(join(dir, 'dashlight.db'), 0o444);
      chmodSync(dir, 0o555);
    }
    db = join(dir, 'dashlight.db');
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', dir]);
    else if (dir) chmodSync(dir, 0o755);
  });

  it('answers latest, list, stats, history and export from it', () => {
    const listed = dashlight(['list', '--db', db, '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout).pagination.total).toBe(3);
    for (const args of [
      ['latest', '--json'],
      ['stats', '--json'],
      ['history', '--metric', 'cpu.total', '--from', '-1h', '--json'],
      ['export', '--from', '-1h', '--out', '-'],
    ]) {
      const result = dashlight([...args, '--db', db]);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const exported = dashlight(['export', '--from', '-1h', '--out', '-', '--format', 'ndjson', '--db', db]);
    expect(exported.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('refuses writing commands, naming the permission problem and the fix', () => {
    const why = asRoot
      ? `the file system holding ${db} is mounted read-only (EROFS); remount it read-write, or ${CHOOSE}`
      : `${db} is not writable by this user (EACCES); make it writable (chmod u+w ${db}), or ${CHOOSE}`;
    for (const command of ['run', 'sample']) {
      const result = dashlight([command, '--db', db]);
      expect(result.status, command).toBe(2);
      expect(result.stderr).toBe(
        `dashlight: cannot write the database ${db}: ${why}. Queries (latest, list, stats, history, export) still work\n`,
      );
    }
  });
});
