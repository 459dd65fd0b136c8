/**
 * A time range and what a person picked to get it: a preset span ending now, fixed ends typed in
 * a form, or "since" a moment (the History view on a new install: from the first sample to now).
 * One check of typed ends, with one set of messages, for every view. Pure: callers pass `now`.
 *
 * @example
 * resolveRange({ kind: 'preset', id: '24h' }, now) // { from: now - 86_400_000, to: now }
 * checkCustom('2026-11-23T10:00', '2026-11-23T09:00') // { errors: { to: 'The end must be after the start.' } }
 */
import { fromLocalInput } from '../format/dates.js';
import { presetOf, type PresetId } from './presets.js';

/** Epoch milliseconds, `from` < `to`. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export type RangeChoice =
  | { readonly kind: 'preset'; readonly id: PresetId }
  | ({ readonly kind: 'custom' } & TimeRange)
  | { readonly kind: 'since'; readonly from: number };

export function resolveRange(choice: RangeChoice, now: number): TimeRange {
  switch (choice.kind) {
    case 'custom':
      return { from: choice.from, to: choice.to };
    case 'since':
      return { from: Math.min(choice.from, now - 60_000), to: now };
    case 'preset': {
      const ms = presetOf(choice.id).ms;
      return { from: ms === null ? 0 : Math.max(0, now - ms), to: now };
    }
  }
}

/** Whether the range moves with the clock. */
export function followsNow(choice: RangeChoice): boolean {
  return choice.kind !== 'custom';
}

export type RangeErrors = { from?: string; to?: string };

/** Checks typed ends (`datetime-local` values, local time). */
export function checkCustom(
  fromText: string,
  toText: string,
): { range: TimeRange; errors?: undefined } | { range?: undefined; errors: RangeErrors } {
  const from = fromLocalInput(fromText);
  const to = fromLocalInput(toText);
  const errors: RangeErrors = {};
  if (Number.isNaN(from)) errors.from = 'Enter a start date and time.';
  else if (from < 0) errors.from = 'Pick a date after 1970.';
  if (Number.isNaN(to)) errors.to = 'Enter an end date and time.';
  else if (!errors.from && to <= from) errors.to = 'The end must be after the start.';
  if (errors.from || errors.to) return { errors };
  return { range: { from, to } };
}
