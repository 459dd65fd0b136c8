/**
 * The History view remembers the picked range and series in localStorage. Storage may be absent
 * (private windows, some embedded webviews) or hold anything (an older version, a hand edit), so
 * reading is defensive and writing never throws.
 *
 * @example
 * savePrefs({ range: { kind: 'preset', id: '7d' }, series: ['cpu.total'] });
 * loadPrefs() // { range: { kind: 'preset', id: '7d' }, series: ['cpu.total'] }
 */
import { isKnownSeries } from '../../../shared/metrics.js';
import { isPresetId } from '../../lib/range/presets.js';
import type { RangeChoice } from '../../lib/range/time-range.js';

export const PREFS_KEY = 'dashlight.history';

export interface HistoryPrefs {
  range: RangeChoice;
  series: string[];
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading `localStorage` itself throws when storage is blocked.
    return null;
  }
}

function parseRange(raw: unknown): RangeChoice | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (value.kind === 'preset' && isPresetId(value.id)) return { kind: 'preset', id: value.id };
  const { from, to } = value;
  if (value.kind === 'custom' && Number.isSafeInteger(from) && Number.isSafeInteger(to)) {
    if ((from as number) >= 0 && (from as number) < (to as number)) {
      return { kind: 'custom', from: from as number, to: to as number };
    }
  }
  return undefined;
}

/** What was saved, field by field; anything unreadable is left out. */
export function loadPrefs(): Partial<HistoryPrefs> {
  let raw: unknown;
  try {
    const text = storage()?.getItem(PREFS_KEY);
    if (!text) return {};
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const value = raw as Record<string, unknown>;
  const prefs: Partial<HistoryPrefs> = {};
  const range = parseRange(value.range);
  if (range) prefs.range = range;
  if (Array.isArray(value.series)) {
    const series = value.series.filter((key): key is string => typeof key === 'string' && isKnownSeries(key));
    prefs.series = [...new Set(series)].slice(0, 64);
  }
  return prefs;
}

export function savePrefs(prefs: HistoryPrefs): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Full or blocked storage: the view still works, it just forgets.
  }
}
