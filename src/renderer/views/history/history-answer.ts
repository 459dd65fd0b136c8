/**
 * What a `history` answer is made of, in words for the status line: which tier answered, how wide
 * one point is, and how many points each series got.
 *
 * @example
 * describeAnswer({ tier: '1m', bucketMs: 60_000, aggregated: true, series: { … 1440 points … } })
 * // '1-minute averages with min–max band · 1,440 points per series'
 */
import type { HistoryResult, Tier } from '../../../shared/queries.js';
import { tierWidthMs, tierWords } from '../../../shared/tiers.js';
import { formatCount } from '../../../shared/units.js';

const WIDTHS = [
  { ms: 86_400_000, one: 'day', short: 'd' },
  { ms: 3_600_000, one: 'hour', short: 'h' },
  { ms: 60_000, one: 'minute', short: 'min' },
  { ms: 1000, one: 'second', short: 's' },
] as const;

/** The largest unit that divides the width exactly (so 90 s stays "90-second", not "1.5-minute"). */
function unitOf(ms: number): { n: number; one: string; short: string } {
  for (const unit of WIDTHS) {
    if (ms >= unit.ms && ms % unit.ms === 0) return { n: ms / unit.ms, one: unit.one, short: unit.short };
  }
  return { n: Math.max(1, Math.round(ms / 1000)), one: 'second', short: 's' };
}

/** "1-minute", "6-hour": the width of an averaged point. */
export function bucketAdjective(ms: number): string {
  const { n, one } = unitOf(ms);
  return `${n}-${one}`;
}

/** "2 s", "1 min": the interval between raw samples. */
export function intervalWords(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const { n, short } = unitOf(ms);
  return `${n} ${short}`;
}

function tierName(tier: Tier): string {
  return tier === 'raw' ? 'raw samples' : `the ${tierWords(tier)} tier`;
}

/** The most points any series got (series without samples have none). */
export function pointsPerSeries(result: HistoryResult): number {
  let most = 0;
  for (const key in result.series) most = Math.max(most, result.series[key]!.t.length);
  return most;
}

/** True when no series has a single sample (nulls are gaps, not samples). */
export function isEmptyAnswer(result: HistoryResult): boolean {
  for (const key in result.series) {
    const avg = result.series[key]!.avg;
    for (let i = 0; i < avg.length; i += 1) if (avg[i] !== null && avg[i] !== undefined) return false;
  }
  return true;
}

/** The status line for an answer: tier, point width, points per series. */
export function describeAnswer(result: HistoryResult): string {
  const points = pointsPerSeries(result);
  const count = `${formatCount(points)} ${points === 1 ? 'point' : 'points'} per series`;
  if (!result.aggregated) return `raw samples every ${intervalWords(result.bucketMs)} · ${count}`;
  // Name the source when the engine re-bucketed a finer tier, so "5-minute" is not mistaken for a tier.
  const source = result.bucketMs === tierWidthMs(result.tier) ? '' : ` of ${tierName(result.tier)}`;
  return `${bucketAdjective(result.bucketMs)} averages${source} with min–max band · ${count}`;
}

/** The time of the earliest non-empty point of any series; null for an empty answer. */
export function firstPointTime(result: HistoryResult): number | null {
  let first: number | null = null;
  for (const series of Object.values(result.series)) {
    const i = series.avg.findIndex((value) => value !== null);
    if (i >= 0 && (first === null || series.t[i]! < first)) first = series.t[i]!;
  }
  return first;
}
