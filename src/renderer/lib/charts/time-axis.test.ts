import { describe, expect, it } from 'vitest';
import { chooseStep, tickLabel, timeTicks } from './time-axis.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Local times, so the test holds in any zone. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

describe('time axis ticks', () => {
  it('puts a 15-minute window on round 5-minute marks, never on the window ends', () => {
    const from = at(23, 5, 38) + 17_000;
    const ticks = timeTicks(from, from + 15 * MIN, 480);
    expect(ticks.map((t) => new Date(t.value).getMinutes())).toEqual([40, 45, 50]);
    expect(ticks.every((t) => new Date(t.value).getSeconds() === 0)).toBe(true);
  });

  it('marks where the day changes on a 24-hour axis, on round hours', () => {
    const from = at(23, 5, 38);
    const ticks = timeTicks(from, from + DAY, 800);
    const step = chooseStep(DAY, 800);
    expect(step).toMatchObject({ unit: 'hour', count: 3 });
    expect(ticks.every((t) => new Date(t.value).getMinutes() === 0 && new Date(t.value).getHours() % 3 === 0)).toBe(
      true,
    );
    const majors = ticks.filter((t) => t.major);
    expect(majors.map((t) => t.value)).toEqual([at(24, 0)]);
    expect(tickLabel(at(24, 0), true, 'hour')).toBe(
      new Intl.DateTimeFormat(navigator.language, { month: 'short', day: 'numeric' }).format(at(24, 0)),
    );
  });

  it('takes fewer, longer steps on a narrow axis', () => {
    expect(chooseStep(15 * MIN, 1000).ms).toBeLessThan(chooseStep(15 * MIN, 300).ms);
    expect(chooseStep(365 * DAY, 800).unit).toBe('month');
  });

  it('steps days on the month grid and months on the year grid', () => {
    const days = timeTicks(at(3, 12), at(3, 12) + 30 * DAY, 800);
    expect(days.every((t) => new Date(t.value).getHours() === 0)).toBe(true);
    const months = timeTicks(new Date(2025, 11, 15).getTime(), new Date(2026, 11, 15).getTime(), 800);
    expect(months.map((t) => new Date(t.value).getDate())).toEqual(months.map(() => 1));
    expect(months.find((t) => t.major)?.value).toBe(new Date(2026, 0, 1).getTime());
  });
});
