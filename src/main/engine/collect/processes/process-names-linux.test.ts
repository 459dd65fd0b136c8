import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../../shared/alerts.js';
import { nameFromCmdline, withCommandNames } from './process-names-linux.js';

describe('nameFromCmdline', () => {
  it('keeps comm when it is the program’s own name', () => {
    expect(nameFromCmdline('bash', '/usr/bin/bash\0-l\0')).toBe('bash');
    expect(nameFromCmdline('sshd', 'sshd: ann@pts/0\0')).toBe('sshd');
    expect(nameFromCmdline('chrome', '/opt/google/chrome/chrome --type=renderer --x=/a/b\0')).toBe('chrome');
    // A #! script: comm is the script, argv[0] the interpreter.
    expect(nameFromCmdline('backup', '/usr/bin/python3\0/usr/local/bin/backup\0')).toBe('backup');
  });

  it('undoes the kernel’s 15-byte cut', () => {
    expect(nameFromCmdline('gnome-shell-cal', '/usr/libexec/gnome-shell-calendar-server\0')).toBe(
      'gnome-shell-calendar-server',
    );
  });

  it('names a program that set its title after its first word', () => {
    expect(nameFromCmdline('npm exec vitest', 'npm exec vitest run src/main\0')).toBe('npm');
    expect(nameFromCmdline('npm test', 'npm test\0')).toBe('npm');
    expect(nameFromCmdline('memfd:sealed-91', 'line_io_tools/binary_backend\0--uid\0')).toBe('binary_backend');
  });

  it('names a process whose main thread was renamed after its program or title', () => {
    expect(nameFromCmdline('MainThread', '/usr/local/bin/node\0server.js\0')).toBe('node');
    expect(nameFromCmdline('MainThread', 'my api server\0')).toBe('my api server');
    expect(nameFromCmdline('Isolated Web Co', '/usr/lib/firefox/firefox -contentproc -isForBrowser\0')).toBe('firefox');
  });

  it('falls back to comm without a cmdline (kernel threads, zombies, vanished)', () => {
    expect(nameFromCmdline('kworker/0:1', '')).toBe('kworker/0:1');
    expect(nameFromCmdline('gone', undefined)).toBe('gone');
  });
});

describe('withCommandNames (fixture procfs)', () => {
  const info = (pid: number, name: string): ProcessInfo => ({ pid, name, cpuPercent: 1, rssBytes: 1 });

  it('renames listed processes from cmdline and leaves the rest as they were', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dashlight-names-'));
    try {
      await mkdir(join(root, '10'));
      await writeFile(join(root, '10', 'cmdline'), '/usr/bin/node\0app.js\0');
      const top = { at: 5, byCpu: [info(10, 'MainThread'), info(11, 'vanished')], byMemory: [info(10, 'MainThread')] };
      expect(await withCommandNames(top, root)).toEqual({
        at: 5,
        byCpu: [info(10, 'node'), info(11, 'vanished')],
        byMemory: [info(10, 'node')],
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('resolves with comm names when cmdline does not answer in time', async () => {
    const top = { at: 5, byCpu: [info(10, 'MainThread')], byMemory: [] };
    const root = await mkdtemp(join(tmpdir(), 'dashlight-names-'));
    const fifo = join(root, '10', 'cmdline');
    try {
      await mkdir(join(root, '10'));
      // Opening a FIFO blocks until a writer comes, like cmdline of a process stuck holding its mm lock.
      execFileSync('mkfifo', [fifo]);
      expect(await withCommandNames(top, root, 50)).toEqual(top);
    } finally {
      // Be that writer, so the blocked pool thread gets back to work.
      await (await open(fifo, 'w')).close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
