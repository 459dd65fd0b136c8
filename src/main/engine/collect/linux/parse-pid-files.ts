/**
 * Parsers for /proc/<pid>/stat, statm and io that read numbers straight out of the read buffer:
 * a pass over the process table parses hundreds of these every few seconds, and splitting each
 * line into fifty strings would be garbage for nothing. Layouts from proc(5).
 *
 * @example
 * const out = emptyPidStat();
 * parsePidStatBytes(buffer, length, out); // true; out.ticks === utime + stime
 */

/** The fields of /proc/<pid>/stat a pass needs; times in clock ticks (USER_HZ). */
export interface PidStatFields {
  /** The executable's name as the kernel keeps it (15 bytes at most), between the parentheses. */
  comm: string;
  /** Field 4. */
  ppid: number;
  /** Field 9, the kernel's PF_* flags (PF_KTHREAD marks a kernel thread). */
  flags: number;
  /** utime + stime (fields 14 and 15): CPU used by the process itself, all threads. */
  ticks: number;
  /** cutime + cstime (16 and 17): CPU of children it has waited for. */
  childTicks: number;
  /** Field 22: start time in ticks after boot; tells a reused pid from the process before. */
  start: number;
}

export function emptyPidStat(): PidStatFields {
  return { comm: '', ppid: 0, flags: 0, ticks: 0, childTicks: 0, start: 0 };
}

const SPACE = 0x20;
const CLOSE = 0x29; // ')'
const OPEN = 0x28; // '('

/** The unsigned decimal at `at`, or -1 when there is none. */
function digitsAt(buffer: Buffer, at: number, end: number): number {
  let value = -1;
  for (let i = at; i < end; i++) {
    const c = buffer[i]! - 0x30;
    if (c < 0 || c > 9) break;
    value = (value < 0 ? 0 : value * 10) + c;
  }
  return value;
}

/**
 * Parses a stat line into `out`; false when the bytes are not one. comm may hold spaces and
 * parentheses, so the numeric fields are found after the LAST ')'.
 */
export function parsePidStatBytes(buffer: Buffer, length: number, out: PidStatFields): boolean {
  const open = buffer.indexOf(OPEN);
  const close = buffer.lastIndexOf(CLOSE, length - 1);
  if (open < 1 || close < open || close + 2 >= length) return false;
  // Field n starts after the (n - 3)th space past ") "; indexOf jumps there in native code.
  let at = close + 2;
  let field = 3;
  const skipTo = (target: number): number => {
    while (field < target && at >= 0) {
      at = buffer.indexOf(SPACE, at);
      if (at < 0 || at >= length) return -1;
      at += 1;
      field += 1;
    }
    return at;
  };
  const ppid = skipTo(4) < 0 ? -1 : digitsAt(buffer, at, length);
  const flags = skipTo(9) < 0 ? -1 : digitsAt(buffer, at, length);
  const utime = skipTo(14) < 0 ? -1 : digitsAt(buffer, at, length);
  const stime = skipTo(15) < 0 ? -1 : digitsAt(buffer, at, length);
  const cutime = skipTo(16) < 0 ? -1 : digitsAt(buffer, at, length);
  const cstime = skipTo(17) < 0 ? -1 : digitsAt(buffer, at, length);
  const start = skipTo(22) < 0 ? -1 : digitsAt(buffer, at, length);
  if (utime < 0 || stime < 0 || start < 0 || ppid < 0) return false;
  out.comm = buffer.toString('utf8', open + 1, close);
  out.ppid = ppid;
  out.flags = Math.max(0, flags);
  out.ticks = utime + stime;
  out.childTicks = Math.max(0, cutime) + Math.max(0, cstime);
  out.start = start;
  return true;
}

/** Resident pages: the second field of /proc/<pid>/statm; -1 when unreadable. */
export function parseStatmResident(buffer: Buffer, length: number): number {
  const space = buffer.indexOf(SPACE);
  return space < 0 || space >= length ? -1 : digitsAt(buffer, space + 1, length);
}

const READ_BYTES = Buffer.from('\nread_bytes: ');
const WRITE_BYTES = Buffer.from('\nwrite_bytes: ');

/** read_bytes + write_bytes of /proc/<pid>/io (what reached the storage layer); -1 when absent. */
export function parseIoBytes(buffer: Buffer, length: number): number {
  const read = buffer.indexOf(READ_BYTES);
  const write = buffer.indexOf(WRITE_BYTES);
  if (read < 0 || write < 0 || read >= length || write >= length) return -1;
  const r = digitsAt(buffer, read + READ_BYTES.length, length);
  const w = digitsAt(buffer, write + WRITE_BYTES.length, length);
  return r < 0 || w < 0 ? -1 : r + w;
}

/** The NUL-separated argv of /proc/<pid>/cmdline as one line, cut to `max` characters. */
export function commandLine(raw: string | undefined, max = 512): string {
  if (!raw) return '';
  let text = raw;
  while (text.endsWith('\0')) text = text.slice(0, -1);
  text = text.replaceAll('\0', ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Seconds since boot, the first field of /proc/uptime; NaN when unreadable. */
export function parseUptimeSeconds(text: string | undefined): number {
  if (!text) return Number.NaN;
  const end = text.indexOf(' ');
  return Number(end < 0 ? text.trim() : text.slice(0, end));
}
