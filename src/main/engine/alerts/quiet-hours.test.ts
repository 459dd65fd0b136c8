import { describe, expect, it } from 'vitest';
import { isQuietTime } from './quiet-hours.js';

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('quiet hours', () => {
  it('a window past midnight includes its start and excludes its end', () => {
    const quiet = { start: '22:00', end: '07:00' };
    expect(['22:00', '23:59', '00:00', '06:59'].map((t) => isQuietTime(quiet, at(t)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['21:59', '07:00', '12:00'].map((t) => isQuietTime(quiet, at(t)))).toEqual([false, false, false]);
  });

  it('a daytime window', () => {
    const quiet = { start: '12:30', end: '13:30' };
    expect(['12:29', '12:30', '13:29', '13:30'].map((t) => isQuietTime(quiet, at(t)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('none, or an empty window, is never quiet', () => {
    expect(isQuietTime(null, at('03:00'))).toBe(false);
    expect(isQuietTime({ start: '03:00', end: '03:00' }, at('03:00'))).toBe(false);
  });
});
