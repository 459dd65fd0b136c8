import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseTime } from './time.js';

const NOW = Date.parse('2026-01-02T00:00:00Z');

describe('parseDuration', () => {
  it.each([
    ['2s', 2000],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['1.5m', 90_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '2', '5 minutes', '-3s', '2x'])('rejects %j with a hint', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration.*2s, 5m/);
  });
});

describe('parseTime', () => {
  it('reads now, relative and ISO forms', () => {
    expect(parseTime('now', NOW)).toBe(NOW);
    expect(parseTime('-24h', NOW)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parseTime('now-1h', NOW)).toBe(NOW - 3_600_000);
    expect(parseTime('+30m', NOW)).toBe(NOW + 1_800_000);
    expect(parseTime('2026-01-01T06:00:00Z', NOW)).toBe(Date.parse('2026-01-01T06:00:00Z'));
    expect(parseTime('1767225600000', NOW)).toBe(1767225600000);
  });

  it.each(['yesterday', '-24x', '2026-13-45', 'now+'])('rejects %j naming the accepted forms', (text) => {
    expect(() => parseTime(text, NOW)).toThrow(/ISO 8601.*-24h/);
  });
});

describe('formatDuration', () => {
  it('prints compact units', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(90_061_000)).toBe('1d1h1m1s');
    expect(formatDuration(250)).toBe('250ms');
  });
});
