/**
 * Alert results shared by the engine, both transports and the renderer: transitions (the `alert`
 * event), stored instances (the history), rule status, and the processes captured on firing.
 *
 * @example
 * engine.on('alert', (e: AlertEvent) => { if (e.kind === 'firing') console.log(e.text); });
 */
import type { AlertRule, Severity } from './alert-rules.js';

export type AlertPhase = 'ok' | 'pending' | 'firing' | 'resolved';

/**
 * One transition of one alert instance. `pending` and `deescalated` are recorded but never
 * notified; `reminder` is a firing that was held back (quiet hours, snooze) and is now told.
 */
export type AlertEventKind =
  'pending' | 'firing' | 'escalated' | 'deescalated' | 'repeat' | 'reminder' | 'resolved' | 'cancelled';

/** Why a transition that would notify did not. */
export type Suppression = 'quiet-hours' | 'snoozed' | 'cooldown' | 'acknowledged';

export interface ProcessInfo {
  readonly pid: number;
  readonly name: string;
  /** Percent of one core (a process on two busy cores shows 200). */
  readonly cpuPercent: number;
  readonly rssBytes: number;
}

/** The top 5 by CPU and by memory, read once when an alert starts firing. */
export interface TopProcesses {
  readonly at: number;
  readonly byCpu: readonly ProcessInfo[];
  readonly byMemory: readonly ProcessInfo[];
}

export interface AlertEvent {
  readonly kind: AlertEventKind;
  readonly ruleId: string;
  readonly ruleName: string;
  /** The series this instance watches, e.g. `fs.used_pct[/home]`. */
  readonly series: string;
  readonly severity: Severity | null;
  /** The reading that caused the transition (hours to full for a forecast rule). */
  readonly value: number | null;
  /** The threshold crossed (or the clear threshold, for a recovery). */
  readonly threshold: number | null;
  readonly at: number;
  /** When the condition started to hold without a break. */
  readonly since: number | null;
  /** How long the condition had held at `at`. */
  readonly heldMs: number;
  /** True when this transition went (or goes) to the notification channels. */
  readonly notified: boolean;
  readonly suppressed: Suppression | null;
  /** Id of the stored instance (history row); null for `pending`. */
  readonly instanceId: number | null;
  readonly topProcesses: TopProcesses | null;
  /** One line for people: rule, value, threshold, how long, top process. */
  readonly text: string;
}

/** A stored alert: from its first firing to its recovery. */
export interface AlertInstance {
  readonly id: number;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly series: string;
  readonly state: 'firing' | 'resolved';
  /** The highest severity reached. */
  readonly severity: Severity;
  readonly since: number;
  readonly firedAt: number;
  readonly resolvedAt: number | null;
  readonly acknowledgedAt: number | null;
  readonly value: number | null;
  /** The most extreme reading while firing. */
  readonly peak: number | null;
  readonly threshold: number | null;
  readonly topProcesses: TopProcesses | null;
  readonly events: readonly {
    readonly kind: AlertEventKind;
    readonly at: number;
    readonly value: number | null;
    readonly notified: boolean;
    readonly suppressed: Suppression | null;
  }[];
}

export interface AlertHistoryResult {
  readonly data: readonly AlertInstance[];
  readonly total: number;
}

/** A rule and what it is doing now, for `listRules`. */
export interface RuleStatus {
  readonly rule: AlertRule;
  readonly snoozedUntil: number | null;
  readonly instances: readonly {
    readonly series: string;
    readonly phase: AlertPhase;
    readonly severity: Severity | null;
    readonly since: number | null;
    readonly value: number | null;
  }[];
}

export interface RulesResult {
  readonly rules: readonly RuleStatus[];
  /** Snooze of every rule at once (`snooze('all', …)`). */
  readonly allSnoozedUntil: number | null;
  readonly quietNow: boolean;
}

/** What `testRule` reports, one entry per channel. */
export interface RuleTestResult {
  readonly ruleId: string;
  readonly channels: readonly { readonly channel: string; readonly ok: boolean; readonly detail: string }[];
}

export interface SnoozeResult {
  readonly target: string;
  readonly until: number | null;
}
