/**
 * Ticks for a time axis on round local times (every 5, 15, 30 minutes, hour, 6 hours, day, week,
 * month…), with the step chosen so labels do not crowd the axis's width, and labels in the
 * reader's locale: clock times, with the date instead wherever the day changes (a major tick),
 * and days or months on long spans. Calendar arithmetic is date-fns's, in the local zone.
 *
 * @example
 * const ticks = timeTicks(Date.parse('2026-11-23T05:38'), Date.parse('2026-11-24T05:38'), 800);
 * // every 3 h: 06:00, 09:00, … 21:00, Nov 24 (major), 03:00
 * tickLabel(ticks[0].value, ticks[0].major, 'hour') // '06:00'
 */
import type { Scale, Tick } from 'chart.js';
import {
  addDays,
  addHours,
  addMinutes,
  addMonths,
  addSeconds,
  addYears,
  startOfDay,
  startOfHour,
  startOfMinute,
  startOfMonth,
  startOfYear,
} from 'date-fns';

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

export interface TimeStep {
  unit: TimeUnit;
  count: number;
  /** The step's rough length, to choose one. */
  ms: number;
}

export interface TimeTick {
  value: number;
  /** The first tick of a new day (or month, or year on long spans): labelled with the date. */
  major: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const step = (unit: TimeUnit, count: number, unitMs: number): TimeStep => ({ unit, count, ms: count * unitMs });

/** The round steps, shortest first. */
export const STEPS: readonly TimeStep[] = [
  step('second', 1, SECOND),
  step('second', 5, SECOND),
  step('second', 10, SECOND),
  step('second', 15, SECOND),
  step('second', 30, SECOND),
  step('minute', 1, MINUTE),
  step('minute', 2, MINUTE),
  step('minute', 5, MINUTE),
  step('minute', 10, MINUTE),
  step('minute', 15, MINUTE),
  step('minute', 30, MINUTE),
  step('hour', 1, HOUR),
  step('hour', 2, HOUR),
  step('hour', 3, HOUR),
  step('hour', 6, HOUR),
  step('hour', 12, HOUR),
  step('day', 1, DAY),
  step('day', 2, DAY),
  step('day', 7, DAY),
  step('day', 14, DAY),
  step('month', 1, 30 * DAY),
  step('month', 3, 91 * DAY),
  step('month', 6, 182 * DAY),
  step('year', 1, 365 * DAY),
];

/** Room a label needs, in CSS pixels: "Nov 24" or "14:05" with space around it. */
export const TICK_SPACING_PX = 84;

/** The shortest round step that keeps ticks at least `TICK_SPACING_PX` apart on `widthPx`. */
export function chooseStep(spanMs: number, widthPx: number): TimeStep {
  const room = Math.max(2, Math.floor((widthPx > 0 ? widthPx : 600) / TICK_SPACING_PX));
  return STEPS.find((s) => spanMs / s.ms <= room) ?? STEPS.at(-1)!;
}

/** The start of `ts`'s unit, rounded down to a multiple of the step (minutes 0, 15, 30, 45…). */
function floorTo(ts: number, { unit, count }: TimeStep): Date {
  const d = new Date(ts);
  switch (unit) {
    case 'second': {
      const start = startOfMinute(d);
      return addSeconds(start, Math.floor(d.getSeconds() / count) * count);
    }
    case 'minute': {
      const start = startOfHour(d);
      return addMinutes(start, Math.floor(d.getMinutes() / count) * count);
    }
    case 'hour': {
      const start = startOfDay(d);
      return addHours(start, Math.floor(d.getHours() / count) * count);
    }
    case 'day':
      // Weeks and fortnights start on a Monday-less grid: the 1st, 8th, 15th… of the month read well.
      return addDays(startOfMonth(d), Math.floor((d.getDate() - 1) / count) * count);
    case 'month':
      return addMonths(startOfYear(d), Math.floor(d.getMonth() / count) * count);
    case 'year':
      return startOfYear(d);
  }
}

function advance(date: Date, { unit, count }: TimeStep): Date {
  switch (unit) {
    case 'second':
      return addSeconds(date, count);
    case 'minute':
      return addMinutes(date, count);
    case 'hour':
      return addHours(date, count);
    case 'day': {
      // Stay on the month's grid: after the 29th comes the 1st of the next month.
      const next = addDays(date, count);
      return next.getMonth() !== date.getMonth() || next.getDate() > 28 ? startOfMonth(addMonths(date, 1)) : next;
    }
    case 'month':
      return addMonths(date, count);
    case 'year':
      return addYears(date, count);
  }
}

/**
 * Whether a tick starts a new day (a new month on day steps, a new year on month steps). Every
 * step divides its parent unit, so a day's first tick always falls on its midnight.
 */
function startsPeriod(date: Date, unit: TimeUnit): boolean {
  if (unit === 'month' || unit === 'year') return date.getMonth() === 0 && date.getDate() === 1;
  if (unit === 'day') return date.getDate() === 1;
  return date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;
}

/** Round-time ticks from `from` to `to` (inclusive) for an axis `widthPx` wide. */
export function timeTicks(from: number, to: number, widthPx: number): TimeTick[] {
  if (!(to > from)) return [];
  const chosen = chooseStep(to - from, widthPx);
  const ticks: TimeTick[] = [];
  for (let date = floorTo(from, chosen); date.getTime() <= to && ticks.length < 1000; date = advance(date, chosen)) {
    if (date.getTime() >= from) ticks.push({ value: date.getTime(), major: startsPeriod(date, chosen.unit) });
  }
  return ticks;
}

interface TickFormats {
  seconds: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
  year: Intl.DateTimeFormat;
}

let formats: TickFormats | undefined;

function tickFormats(): TickFormats {
  if (!formats) {
    const locale = typeof navigator === 'undefined' ? undefined : navigator.language;
    formats = {
      seconds: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
      month: new Intl.DateTimeFormat(locale, { month: 'short' }),
      year: new Intl.DateTimeFormat(locale, { year: 'numeric' }),
    };
  }
  return formats;
}

/**
 * A tick's label for a step of `unit`: the time of day, or the date where the day changes;
 * days on day steps (the month where it changes); months, with the year where it changes.
 */
export function tickLabel(value: number, major: boolean, unit: TimeUnit): string {
  const f = tickFormats();
  switch (unit) {
    case 'second':
      return major ? f.day.format(value) : f.seconds.format(value);
    case 'minute':
    case 'hour':
      return major ? f.day.format(value) : f.clock.format(value);
    case 'day':
      return f.day.format(value);
    case 'month':
      return major ? f.year.format(value) : f.month.format(value);
    case 'year':
      return f.year.format(value);
  }
}

/**
 * A time scale's hooks: `afterBuildTicks` replaces Chart.js's ticks with `timeTicks` for the
 * axis's width, and `label` writes each as `tickLabel` for the step chosen with them.
 */
export function timeAxisHooks(): {
  afterBuildTicks: (scale: Scale) => void;
  label: (value: number | string, index: number, ticks: Tick[]) => string;
} {
  let unit: TimeUnit = 'minute';
  return {
    afterBuildTicks: (scale) => {
      unit = chooseStep(scale.max - scale.min, scale.width).unit;
      scale.ticks = timeTicks(scale.min, scale.max, scale.width);
    },
    label: (value, index, ticks) => tickLabel(Number(value), ticks[index]?.major ?? false, unit),
  };
}
