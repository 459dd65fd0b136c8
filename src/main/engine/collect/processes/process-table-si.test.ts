/** The systeminformation table with an injected processes(): si cannot run its macOS or Windows code here. */
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../test-support/test-clock.js';
import { SiProcessTable, type SiProcessRow } from './process-table-si.js';

const T0 = Date.UTC(2026, 10, 23, 9);

const MAC: SiProcessRow[] = [
  {
    pid: 300,
    name: 'Safari',
    cpu: 25,
    memRss: 409_600,
    command: 'Safari',
    params: '',
    path: '/Applications/Safari.app/Contents/MacOS',
  },
  {
    pid: 310,
    name: 'com.apple.WebKit.WebContent',
    cpu: 80,
    memRss: 204_800,
    command: 'com.apple.WebKit.WebContent',
    params: '-foo',
    path: '/Applications/Safari.app/Contents/XPCServices/WebContent.xpc/Contents/MacOS',
  },
  { pid: 400, name: 'node', cpu: 100, memRss: 102_400, command: 'node', params: 'server.js', path: '/usr/local/bin' },
];

describe('SiProcessTable', () => {
  it('macOS: primes, then turns ps %cpu into CPU time over the window, grouped by .app bundle', async () => {
    const clock = new TestClock(T0);
    const table = new SiProcessTable({ platform: 'darwin', clock, cores: 8, processes: async () => ({ list: MAC }) });
    const first = await table.read();
    expect(first.elapsedMs).toBeNull();
    expect(first.processes.every((p) => p.cpuCs === 0)).toBe(true);
    clock.advance(30_000);
    const second = await table.read();
    expect(second.elapsedMs).toBe(30_000);
    expect(second.processes).toEqual([
      {
        pid: 300,
        app: { kind: 'bundle', name: 'Safari' },
        exe: 'Safari',
        command: '/Applications/Safari.app/Contents/MacOS/Safari',
        cpuCs: 750,
        rssBytes: 409_600 * 1024,
        ioBytes: null,
      },
      {
        pid: 310,
        app: { kind: 'bundle', name: 'Safari' },
        exe: 'com.apple.WebKit.WebContent',
        command:
          '/Applications/Safari.app/Contents/XPCServices/WebContent.xpc/Contents/MacOS/com.apple.WebKit.WebContent -foo',
        cpuCs: 2400,
        rssBytes: 204_800 * 1024,
        ioBytes: null,
      },
      {
        pid: 400,
        app: { kind: 'exe', name: 'node' },
        exe: 'node',
        command: '/usr/local/bin/node server.js',
        cpuCs: 3000,
        rssBytes: 102_400 * 1024,
        ioBytes: null,
      },
    ]);
  });

  it('Windows: si’s share of the whole machine becomes time on one core; the idle process is dropped', async () => {
    const clock = new TestClock(T0);
    const list: SiProcessRow[] = [
      { pid: 0, name: 'System Idle Process', cpu: 70, memRss: 8, command: '', params: '', path: '' },
      {
        pid: 900,
        name: 'chrome.exe',
        cpu: 25,
        memRss: 153_600,
        command: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer',
        params: '',
        path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      },
    ];
    const table = new SiProcessTable({ platform: 'win32', clock, cores: 4, processes: async () => ({ list }) });
    await table.read();
    clock.advance(30_000);
    const [chrome] = (await table.read()).processes;
    // 25 % of 4 cores = one core busy for 30 s = 3000 hundredths.
    expect(chrome).toMatchObject({ pid: 900, app: { kind: 'exe', name: 'chrome.exe' }, cpuCs: 3000, ioBytes: null });
  });
});
