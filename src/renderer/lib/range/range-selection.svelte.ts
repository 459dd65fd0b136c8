/**
 * What a range picker edits: the choice (a preset, or typed ends), whether the custom form is
 * open, its two fields and their messages. Views keep one each (History, Stats, Export) and load
 * whatever `resolve(now)` gives after `pick` or `applyCustom`.
 *
 * @example
 * const range = new RangeSelection(PRESETS, { kind: 'preset', id: '24h' });
 * range.pick('7d');
 * range.resolve(Date.now()); // the last 7 days
 * range.openCustom(range.resolve(Date.now())); range.customTo = ''; range.applyCustom(); // null, errors.to set
 */
import { toLocalInput } from '../format/dates.js';
import type { Preset, PresetId } from './presets.js';
import { checkCustom, resolveRange, type RangeChoice, type RangeErrors, type TimeRange } from './time-range.js';

export class RangeSelection {
  choice = $state.raw<RangeChoice>({ kind: 'preset', id: '24h' });
  /** The From/To form is showing (and "Custom" pressed). */
  customOpen = $state(false);
  customFrom = $state('');
  customTo = $state('');
  errors = $state.raw<RangeErrors>({});

  constructor(
    readonly presets: readonly Preset[],
    initial: RangeChoice,
  ) {
    this.restore(initial);
  }

  /** The range the choice means at `now`. */
  resolve(now: number): TimeRange {
    return resolveRange(this.choice, now);
  }

  /** Whether a preset's button shows pressed. */
  isPicked(id: string): boolean {
    return !this.customOpen && this.choice.kind === 'preset' && this.choice.id === id;
  }

  pick(id: PresetId): void {
    this.choice = { kind: 'preset', id };
    this.customOpen = false;
    this.errors = {};
  }

  /** Opens the From/To form, filled with `shown` (the range on screen). */
  openCustom(shown: TimeRange): void {
    if (this.customOpen) return;
    this.customOpen = true;
    this.errors = {};
    this.customFrom = toLocalInput(shown.from);
    this.customTo = toLocalInput(shown.to);
  }

  /** Checks the typed ends: the range they mean, or null with a message by each wrong field. */
  applyCustom(): TimeRange | null {
    const checked = checkCustom(this.customFrom, this.customTo);
    this.errors = checked.errors ?? {};
    if (!checked.range) return null;
    this.choice = { kind: 'custom', ...checked.range };
    return checked.range;
  }

  /** Puts back a remembered choice (custom ones reopen their form). */
  restore(choice: RangeChoice): void {
    this.choice = choice;
    this.errors = {};
    this.customOpen = choice.kind === 'custom';
    if (choice.kind === 'custom') {
      this.customFrom = toLocalInput(choice.from);
      this.customTo = toLocalInput(choice.to);
    }
  }

  /** The engine's messages for `from` and `to` (a refused query), next to the fields. */
  showIssues(issues: Readonly<Record<string, string>>): void {
    this.errors = { ...(issues.from ? { from: issues.from } : {}), ...(issues.to ? { to: issues.to } : {}) };
  }
}
