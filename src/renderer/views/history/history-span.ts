/**
 * Links into History for a span: `#/history/<series>@<from>-<to>` opens the series zoomed to the
 * span (with as much again around it, so what came before and after shows) and asks who was busy
 * in it. An alert in the history links to its span this way.
 *
 * @example
 * historySpanHref('cpu.total', 1000, 61_000) // '#/history/cpu.total%401000-61000'
 * parseHistoryParam('cpu.total@1000-61000') // { series: 'cpu.total', span: { from: 1000, to: 61_000 } }
 */
import type { TimeRange } from '../../lib/range/time-range.js';

export function parseHistoryParam(param: string | null): { series: string | null; span: TimeRange | null } {
  if (!param) return { series: null, span: null };
  const match = /^(.*)@(\d+)-(\d+)$/.exec(param);
  if (!match) return { series: param, span: null };
  const from = Number(match[2]);
  const to = Number(match[3]);
  return { series: match[1] || null, span: from < to ? { from, to } : null };
}

export function historySpanHref(series: string, from: number, to: number): string {
  return `#/history/${encodeURIComponent(`${series}@${Math.floor(from)}-${Math.ceil(to)}`)}`;
}

/** What the charts show around a span: half its length again on each side, at least 5 minutes. */
export function contextOf(span: TimeRange, now: number): TimeRange {
  const margin = Math.max(5 * 60_000, (span.to - span.from) / 2);
  return { from: Math.max(0, Math.round(span.from - margin)), to: Math.min(now, Math.round(span.to + margin)) };
}

/** The bucket a clicked point stands for: the answer's bucket width, a minute at least. */
export function pointSpan(ts: number, bucketMs: number): TimeRange {
  const width = Math.max(60_000, bucketMs);
  const from = Math.floor(ts / width) * width;
  return { from, to: from + width };
}
