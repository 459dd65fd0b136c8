/**
 * What the History view adds to a range (lib/range): zoom arithmetic, the point budget for a
 * canvas, and the words that describe a range in labels. Pure: callers pass `now`.
 *
 * @example
 * zoomIn({ from: 0, to: 4000_000 }, now) // { from: 1000_000, to: 3000_000 }
 * maxPointsFor(640) // 1280
 */
import { presetOf, type PresetId } from '../../lib/range/presets.js';
import type { RangeChoice, TimeRange } from '../../lib/range/time-range.js';

const MINUTE = 60_000;

export const DEFAULT_PRESET: PresetId = '24h';

/** Zooming in stops here: below a minute even raw points are too few to read. */
export const MIN_SPAN_MS = MINUTE;

export const MIN_POINTS = 200;
export const MAX_POINTS = 4000;

/**
 * Points per series to ask for: two per CSS pixel of the canvas, so the engine can pick the
 * coarsest tier that still fills the width, clamped to keep tiny or huge canvases sane.
 */
export function maxPointsFor(canvasWidth: number): number {
  const wanted = Math.round(2 * (Number.isFinite(canvasWidth) ? canvasWidth : 0));
  return Math.min(MAX_POINTS, Math.max(MIN_POINTS, wanted));
}

/**
 * A dragged span made usable: at least `MIN_SPAN_MS` wide (grown around its centre), never past
 * `now` and never before the epoch.
 */
export function fitRange(from: number, to: number, now: number): TimeRange {
  let a = Math.min(from, to);
  let b = Math.max(from, to);
  if (b - a < MIN_SPAN_MS) {
    const centre = (a + b) / 2;
    a = centre - MIN_SPAN_MS / 2;
    b = centre + MIN_SPAN_MS / 2;
  }
  if (b > now) {
    a -= b - now;
    b = now;
  }
  if (a < 0) {
    b = Math.min(now, b - a);
    a = 0;
  }
  return { from: Math.round(a), to: Math.round(b) };
}

/** Half the span around the same centre. */
export function zoomIn(range: TimeRange, now: number): TimeRange {
  const centre = (range.from + range.to) / 2;
  const half = Math.max(MIN_SPAN_MS, (range.to - range.from) / 2) / 2;
  return fitRange(centre - half, centre + half, now);
}

/** Twice the span around the same centre, shifted back so it does not run past `now`. */
export function zoomOut(range: TimeRange, now: number): TimeRange {
  const centre = (range.from + range.to) / 2;
  const span = range.to - range.from;
  return fitRange(centre - span, centre + span, now);
}

export function canZoomIn(range: TimeRange): boolean {
  return range.to - range.from > MIN_SPAN_MS;
}

const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language || 'en-US';
const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const dated = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const yearDated = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** A range end: just the time today, the date too on other days, the year too in other years. */
export function formatEnd(ts: number, now: number): string {
  const a = new Date(ts);
  const b = new Date(now);
  if (a.getFullYear() !== b.getFullYear()) return yearDated.format(ts);
  if (a.getMonth() === b.getMonth() && a.getDate() === b.getDate()) return clock.format(ts);
  return dated.format(ts);
}

/**
 * The range in words for chart labels: "24 hours to 14:05" for a preset, "Nov 3, 10:00 to
 * Nov 3, 12:00" for a zoomed or custom span.
 */
export function describeRange(range: TimeRange, choice: RangeChoice, zoomed: boolean, now: number): string {
  if (choice.kind === 'preset' && !zoomed) return `${presetOf(choice.id).words} to ${formatEnd(range.to, now)}`;
  if (choice.kind === 'since' && !zoomed) return `Since ${formatEnd(range.from, now)}`;
  return `${formatEnd(range.from, now)} to ${formatEnd(range.to, now)}`;
}
