/**
 * What goes in and out of the alert store: its argument and result types, the row shapes of the
 * alert tables and their conversion to the shared `AlertInstance`, kept apart from the
 * statements in alert-store.ts. JSON read back from disk is parsed defensively: a
 * damaged column must cost one field, never the engine.
 *
 * @example
 * const instance = toInstance(row, eventsByInstance.get(row.id) ?? []);
 */
import type { Selectable } from 'kysely';
import type { Severity } from '../../../shared/alert-rules.js';
import type { AlertEventKind, AlertInstance, Suppression, TopProcesses } from '../../../shared/alerts.js';
import type { AlertEventsTable, AlertInstancesTable } from '../store/schema.js';

export type InstanceRow = Selectable<AlertInstancesTable>;
export type EventRow = Selectable<AlertEventsTable>;
export type StoredEvent = AlertInstance['events'][number];

export interface SavedState {
  readonly ruleId: string;
  readonly series: string;
  /** Whatever the evaluator saved, JSON round-tripped. */
  readonly state: unknown;
  readonly updatedAt: number;
}

/** A state row whose JSON could not be parsed; it is left in the table for the caller to delete. */
export interface DamagedState {
  readonly ruleId: string;
  readonly series: string;
  readonly raw: string;
  readonly error: Error;
}

export interface NewInstance {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly series: string;
  readonly severity: Severity;
  readonly since: number;
  readonly firedAt: number;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly topProcesses?: TopProcesses | null;
}

export interface NewEvent {
  readonly at: number;
  readonly kind: AlertEventKind;
  readonly severity: Severity | null;
  readonly value: number | null;
  readonly notified: boolean;
  readonly suppressed: Suppression | null;
}

export interface AlertHistoryQuery {
  /** Instances still firing at, or resolved at or after, this time. */
  readonly from?: number;
  /** Instances that fired at or before this time. */
  readonly to?: number;
  readonly state?: 'firing' | 'resolved';
  readonly rule?: string;
  /** Default 100, at most 1000. */
  readonly limit?: number;
  readonly offset?: number;
}

/** What `AlertStore.updateInstance` may change; absent (or undefined) keys stay as they are. */
export interface InstancePatch {
  severity: Severity;
  value: number | null;
  peak: number | null;
  threshold: number | null;
  topProcesses: TopProcesses | null;
  state: 'firing' | 'resolved';
  resolvedAt: number | null;
}

/**
 * Patch keys to columns. Also the whitelist: only these names ever reach the SQL text, so a
 * patch object with extra keys (it comes from callers, possibly over IPC) cannot inject anything.
 */
export const PATCH_COLUMNS: Readonly<Record<keyof InstancePatch, keyof InstanceRow>> = {
  severity: 'severity',
  value: 'value',
  peak: 'peak',
  threshold: 'threshold',
  topProcesses: 'top_processes',
  state: 'state',
  resolvedAt: 'resolved_at',
};

export function patchValue(key: keyof InstancePatch, value: unknown): unknown {
  return key === 'topProcesses' ? topProcessesJson(value as TopProcesses | null) : value;
}

export function topProcessesJson(top: TopProcesses | null | undefined): string | null {
  return top ? JSON.stringify(top) : null;
}

/** JSON.stringify of `undefined` (or a function) gives undefined; store it as `null` instead. */
export function stateJson(state: unknown): string {
  return JSON.stringify(state) ?? 'null';
}

export function toEvent(row: EventRow): StoredEvent {
  return {
    kind: row.kind as AlertEventKind,
    at: row.at,
    value: row.value,
    notified: row.notified !== 0,
    suppressed: row.suppressed as Suppression | null,
  };
}

export function toInstance(row: InstanceRow, events: readonly StoredEvent[]): AlertInstance {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    series: row.series,
    state: row.state,
    severity: row.severity as Severity,
    since: row.since,
    firedAt: row.fired_at,
    resolvedAt: row.resolved_at,
    acknowledgedAt: row.acknowledged_at,
    value: row.value,
    peak: row.peak,
    threshold: row.threshold,
    topProcesses: parseTopProcesses(row.top_processes),
    events,
  };
}

/** Groups events (already ordered oldest first) by instance id. */
export function groupEvents(rows: readonly EventRow[]): Map<number, StoredEvent[]> {
  const byInstance = new Map<number, StoredEvent[]>();
  for (const row of rows) {
    let list = byInstance.get(row.instance_id);
    if (!list) byInstance.set(row.instance_id, (list = []));
    list.push(toEvent(row));
  }
  return byInstance;
}

/** The captured processes are a nicety: unreadable JSON shows as "none captured". */
function parseTopProcesses(text: string | null): TopProcesses | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as TopProcesses) : null;
  } catch {
    return null;
  }
}

/** Paging numbers may come from a URL or IPC: anything not a finite number means the default. */
export function clamp(n: number | undefined, min: number, max: number, fallback: number): number {
  return n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : fallback;
}
