/**
 * The evaluator's vocabulary: an alert instance's state (persisted as JSON across restarts), the
 * reading it is fed, the context of the moment, and the transitions it reports.
 *
 * @example
 * let state: InstanceState = INITIAL_STATE;
 */
import type { Severity } from '../../../shared/alert-rules.js';
import type { AlertEvent, AlertEventKind, AlertPhase, Suppression } from '../../../shared/alerts.js';

export interface InstanceState {
  readonly phase: AlertPhase;
  readonly severity: Severity | null;
  /** Start of the current unbroken breach (any level). */
  readonly since: number | null;
  /** Start of the current unbroken critical breach. */
  readonly criticalSince: number | null;
  readonly firedAt: number | null;
  readonly lastSeen: number | null;
  readonly value: number | null;
  /** Last notification of any kind in this episode (the repeat interval counts from here). */
  readonly notifiedAt: number | null;
  /** Last notified firing or reminder, across episodes (the cooldown counts from here). */
  readonly firingNotifiedAt: number | null;
  readonly escalationNotifiedAt: number | null;
  /** This episode's firing was told, so its recovery is told too. */
  readonly episodeNotified: boolean;
  /** A firing was held back (quiet hours, snooze, cooldown) and is still to be told. */
  readonly owed: boolean;
  readonly acknowledged: boolean;
  /** The stored history row of this episode; set by the alert manager, kept here across restarts. */
  readonly instanceId: number | null;
}

export const INITIAL_STATE: InstanceState = {
  phase: 'ok',
  severity: null,
  since: null,
  criticalSince: null,
  firedAt: null,
  lastSeen: null,
  value: null,
  notifiedAt: null,
  firingNotifiedAt: null,
  escalationNotifiedAt: null,
  episodeNotified: false,
  owed: false,
  acknowledged: false,
  instanceId: null,
};

export interface Reading {
  /** The reading, or undefined when this sample did not measure the series. */
  readonly value: number | undefined;
  /** A gap in sampling precedes this reading: time before it never counts toward `for`. */
  readonly gapBefore: boolean;
  /** False when the rule's `when` condition does not hold (e.g. the battery is charging). */
  readonly active?: boolean;
}

export interface EvalContext {
  /** Set during quiet hours or a snooze of this rule: record, but do not notify. */
  readonly suppressed: Extract<Suppression, 'quiet-hours' | 'snoozed'> | null;
  /** A series unseen for this long counts as gone: pending is dropped and firing resolves. */
  readonly staleAfterMs: number;
}

/** A transition as the evaluator sees it: the `alert` event without the rule, series and text. */
export type Transition = Pick<
  AlertEvent,
  'kind' | 'severity' | 'value' | 'threshold' | 'at' | 'since' | 'heldMs' | 'notified' | 'suppressed'
>;

export interface Step {
  readonly state: InstanceState;
  readonly events: readonly Transition[];
}

export function transition(
  kind: AlertEventKind,
  severity: Severity | null,
  value: number | null,
  threshold: number | null,
  at: number,
  since: number | null,
  notified: boolean,
  suppressed: Suppression | null,
): Transition {
  return { kind, severity, value, threshold, at, since, heldMs: since === null ? 0 : at - since, notified, suppressed };
}
