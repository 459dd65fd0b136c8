/**
 * Parsing of durations (`2s`, `5m`, `1h30m`) and points in time (ISO 8601, `now`, `-24h`).
 * Pure: callers pass `now` so tests need no clock.
 *
 * @example
 * parseDuration('1h30m') // 5_400_000
 * parseTime('-24h', Date.parse('2026-01-02T00:00:00Z')) // Date.parse('2026-01-01T00:00:00Z')
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/;

/** Returns milliseconds, or throws an Error naming the bad text. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('empty duration: use forms like 2s, 5m, 1h30m, 7d');
  let rest = trimmed;
  let total = 0;
  while (rest.length > 0) {
    const match = DURATION_RE.exec(rest);
    if (!match) throw new Error(`bad duration "${text}": use forms like 2s, 5m, 1h30m, 7d`);
    total += Number(match[1]) * (UNIT_MS[match[2]!] ?? 0);
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** `-24h`, `+1h`, `now`, `now-2h`, an ISO 8601 string, or epoch milliseconds. */
export function parseTime(text: string, now: number): number {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  const relative = /^(?:now)?([+-])(.+)$/.exec(trimmed);
  if (relative && /^\d/.test(relative[2]!)) {
    const sign = relative[1] === '-' ? -1 : 1;
    try {
      return now + sign * parseDuration(relative[2]!);
    } catch {
      throw new Error(`bad time "${text}": use ISO 8601 (2026-01-31T12:00:00Z), now, or a relative time like -24h`);
    }
  }
  if (/^\d{10,}$/.test(trimmed)) return Number(trimmed);
  // Date.parse accepts many loose forms; insist on an ISO-looking date first.
  const parsed = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new Error(`bad time "${text}": use ISO 8601 (2026-01-31T12:00:00Z), now, or a relative time like -24h`);
  }
  return parsed;
}

/** Short human form: 90_000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
