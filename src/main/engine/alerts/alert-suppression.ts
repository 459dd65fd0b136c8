/**
 * What holds notifications back right now: quiet hours (from the settings) and snoozes (in
 * SQLite, so a snooze set by another process, the CLI, is seen within 10 s).
 *
 * @example
 * const suppression = new AlertSuppression(store, () => settings.quietHours);
 * const suppressedFor = suppression.at(sample.ts); // once per tick
 * suppressedFor('cpu-high') // 'quiet-hours' | 'snoozed' | null
 */
import type { QuietHours } from '../../../shared/alert-settings.js';
import type { AlertStore } from './alert-store.js';
import type { EvalContext } from './instance-state.js';
import { isQuietTime, localMinutes } from './quiet-hours.js';

/** Snoozes set by another process (the CLI) are picked up this often. */
const SNOOZE_REFRESH_MS = 10_000;
/** The snooze target that covers every rule. */
const ALL = '*';

export class AlertSuppression {
  private snoozes = new Map<string, number>();
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Pick<AlertStore, 'snoozes' | 'setSnooze'>,
    private readonly quietHours: () => QuietHours | null,
    private readonly minutesOfDay: (epochMs: number) => number = localMinutes,
  ) {}

  /** The suppression of each rule at `now`; quiet hours and snoozes are looked up once. */
  at(now: number): (ruleId: string) => EvalContext['suppressed'] {
    const quiet = this.quietAt(now);
    this.refresh(now, false);
    const all = (this.snoozes.get(ALL) ?? 0) > now;
    return (ruleId) => (quiet ? 'quiet-hours' : all || (this.snoozes.get(ruleId) ?? 0) > now ? 'snoozed' : null);
  }

  quietAt(now: number): boolean {
    return isQuietTime(this.quietHours(), this.minutesOfDay(now));
  }

  /**
   * The snoozes read afresh, as a lookup: when the snooze of a target (a rule id, or 'all') ends,
   * or null when none is running.
   */
  snoozedUntil(now: number): (target: string) => number | null {
    this.refresh(now, true);
    return (target) => {
      const until = this.snoozes.get(target === 'all' ? ALL : target);
      return until !== undefined && until > now ? until : null;
    };
  }

  /** `until` null (or past) ends the snooze; returns the end in force. */
  snooze(target: string, until: number | null, now: number): number | null {
    const end = until !== null && until > now ? until : null;
    this.store.setSnooze(target === 'all' ? ALL : target, end);
    this.refresh(now, true);
    return end;
  }

  private refresh(now: number, force: boolean): void {
    if (!force && now - this.readAt < SNOOZE_REFRESH_MS && now >= this.readAt) return;
    this.readAt = now;
    this.snoozes = this.store.snoozes();
  }
}
