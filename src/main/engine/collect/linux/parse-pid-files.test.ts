import { describe, expect, it } from 'vitest';
import {
  commandLine,
  emptyPidStat,
  parseIoBytes,
  parsePidStatBytes,
  parseStatmResident,
  parseUptimeSeconds,
} from './parse-pid-files.js';

const bytes = (text: string) => {
  const buffer = Buffer.alloc(1024, 0x7a); // stale bytes past the end must not be read
  const length = buffer.write(text);
  return { buffer, length };
};

describe('parsePidStatBytes', () => {
  it('reads ppid, utime+stime, cutime+cstime and the start time after the last ")"', () => {
    const { buffer, length } = bytes(
      '7 (my (weird) proc) S 1 7 7 0 -1 4194560 500 0 0 0 12 3 40 2 20 0 1 0 500 9000000 300 18446744073709551615 1 1\n',
    );
    const out = emptyPidStat();
    expect(parsePidStatBytes(buffer, length, out)).toBe(true);
    expect(out).toEqual({ comm: 'my (weird) proc', ppid: 1, flags: 4194560, ticks: 15, childTicks: 42, start: 500 });
  });

  it('refuses what is not a stat line, or one cut short', () => {
    const out = emptyPidStat();
    for (const text of ['', '12 (cut) S 1 2 3', '(x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20']) {
      const { buffer, length } = bytes(text);
      expect(parsePidStatBytes(buffer, length, out)).toBe(false);
    }
  });
});

describe('statm, io, cmdline and uptime', () => {
  it('statm: resident pages are the second field', () => {
    const { buffer, length } = bytes('12000 3000 750 10 0 3000 0\n');
    expect(parseStatmResident(buffer, length)).toBe(3000);
  });

  it('io: read_bytes + write_bytes, what reached storage (not rchar/wchar)', () => {
    const { buffer, length } = bytes(
      'rchar: 99999\nwchar: 88888\nsyscr: 5\nsyscw: 6\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n',
    );
    expect(parseIoBytes(buffer, length)).toBe(12_288);
    const empty = bytes('');
    expect(parseIoBytes(empty.buffer, empty.length)).toBe(-1);
  });

  it('cmdline: NUL-separated arguments as one line, long ones cut', () => {
    expect(commandLine('/usr/bin/node\0server.js\0--port\x003000\0')).toBe('/usr/bin/node server.js --port 3000');
    expect(commandLine('')).toBe('');
    expect(commandLine(undefined)).toBe('');
    expect(commandLine(`a${'x'.repeat(600)}`, 10)).toBe('axxxxxxxx…');
  });

  it('uptime: seconds since boot', () => {
    expect(parseUptimeSeconds('5005.27 9000.00\n')).toBe(5005.27);
    expect(parseUptimeSeconds(undefined)).toBeNaN();
  });
});
