// Finding the process that holds a file open from /proc, without reading the file: what names the
// writer when its lock file is on a disk that fails reads. Real processes and real /proc on Linux;
// the parsing of cmdline and stat against a folder laid out as /proc is.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandOf, processHoldingFile, startedAt } from './process-holding-file.js';
import { WriterLock, lockFileOf } from './writer-lock.js';

const linux = process.platform === 'linux';
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dashlight-holding-'));
  dirs.push(dir);
  return dir;
}

/** A node process holding `file` open until killed; resolves once it has opened it. */
function holder(file: string): Promise<ChildProcess> {
  const code = `require('node:fs').openSync(${JSON.stringify(file)}, 'r'); console.log('open'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (status) => reject(new Error(`the holder exited (${status}) before opening ${file}`)));
  });
}

describe.skipIf(!linux)('processHoldingFile (not run elsewhere, because /proc is Linux only)', () => {
  it('names the other process that has the file open, by its pid and command line', async () => {
    const file = join(tempDir(), 'dashlight.db.lock');
    writeFileSync(file, 'x');
    expect(processHoldingFile(file)).toBeNull();
    const child = await holder(file);
    const found = processHoldingFile(file);
    expect(found?.pid).toBe(child.pid);
    expect(found?.command).toBe(`${process.execPath} -e ${child.spawnargs[2]}`);
    expect(found?.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('lets the writer lock name its holder when the lock file cannot be read as a lock', async () => {
    const db = join(tempDir(), 'dashlight.db');
    // Not an SQLite file: reading the holder's row fails as on a disk that fails reads.
    writeFileSync(lockFileOf(db), 'not a database, and longer than the header of one: '.repeat(4));
    expect(WriterLock.holder(db)).toBeNull();
    const child = await holder(lockFileOf(db));
    expect(WriterLock.holder(db)).toMatchObject({ pid: child.pid });
  });
});

describe('the command and start of a process, from files laid out as /proc', () => {
  function fakeProc(cmdline: string[], stat: string, btime: number): string {
    const proc = tempDir();
    mkdirSync(join(proc, '42'));
    writeFileSync(join(proc, '42', 'cmdline'), `${cmdline.join('\0')}\0`);
    writeFileSync(join(proc, '42', 'stat'), stat);
    writeFileSync(join(proc, 'stat'), `cpu  1 2 3\nbtime ${btime}\nprocesses 7\n`);
    return proc;
  }
  // Fields 3 to 21, then starttime (field 22) = 12345 ticks, then the rest.
  const stat = (name: string) => `42 (${name}) S ${Array.from({ length: 18 }, (_, i) => i + 1).join(' ')} 12345 99 7\n`;

  it('says "dashlight run …" for the CLI, as the lock itself would', () => {
    const proc = fakeProc(
      ['/usr/bin/node', '/opt/dashlight/bin/dashlight.js', 'run', '--db', '/d/x.db'],
      stat('node'),
      0,
    );
    expect(commandOf(proc, 42)).toBe('dashlight run --db /d/x.db');
  });

  it("gives any other program's whole command line", () => {
    const proc = fakeProc(['/usr/bin/sqlite3', '/d/x.db.lock'], stat('sqlite3'), 0);
    expect(commandOf(proc, 42)).toBe('/usr/bin/sqlite3 /d/x.db.lock');
  });

  it('starts at boot time plus its start in ticks of 1/100 s, whatever its name holds', () => {
    // 1_800_000_000 s after the epoch is 2027-01-15T08:00:00Z; 12345 ticks are 123.45 s.
    const proc = fakeProc(['x'], stat('a ) b'), 1_800_000_000);
    expect(startedAt(proc, 42)).toBe('2027-01-15T08:02:03.450Z');
  });

  it('says the start is unknown when the process is gone', () => {
    expect(startedAt(tempDir(), 42)).toBe('an unknown time');
  });
});
