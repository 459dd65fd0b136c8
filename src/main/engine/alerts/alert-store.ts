/**
 * The alert store: instances (one per firing, until it recovers) with their events, the
 * evaluator's saved state per rule and series, and snoozes, in the metric store's SQLite file
 * (tables from migration 0002). Synchronous like better-sqlite3; statements are prepared once.
 *
 * @example
 * const store = await MetricStore.open(file);
 * const alerts = new AlertStore(store.connection);
 * const id = alerts.openInstance({ ruleId: 'hot-cpu', ruleName: 'Hot CPU', series: 'cpu.total',
 *   severity: 'critical', since: t - 60_000, firedAt: t, value: 97, threshold: 95 });
 * alerts.addEvent(id, { at: t, kind: 'firing', severity: 'critical', value: 97, notified: true, suppressed: null });
 * alerts.history({ rule: 'hot-cpu', limit: 20 }); // { data: [{ id, state: 'firing', events: [...] }], total: 1 }
 */
import type Database from 'better-sqlite3';
import type { AlertHistoryResult, AlertInstance } from '../../../shared/alerts.js';
import {
  clamp,
  groupEvents,
  PATCH_COLUMNS,
  patchValue,
  stateJson,
  toInstance,
  topProcessesJson,
  type AlertHistoryQuery,
  type DamagedState,
  type EventRow,
  type InstancePatch,
  type InstanceRow,
  type NewEvent,
  type NewInstance,
  type SavedState,
} from './alert-rows.js';

export type {
  AlertHistoryQuery,
  DamagedState,
  InstancePatch,
  NewEvent,
  NewInstance,
  SavedState,
} from './alert-rows.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const INSTANCE_COLUMNS =
  'id, rule_id, rule_name, series, state, severity, since, fired_at, resolved_at, acknowledged_at, value, peak, threshold, top_processes';
const EVENT_COLUMNS = 'id, instance_id, at, kind, severity, value, notified, suppressed';
/** History filters in a fixed order: the statement cache is keyed by which of them are present. */
const FILTERS = [
  ['from', '(resolved_at IS NULL OR resolved_at >= @from)'],
  ['to', 'fired_at <= @to'],
  ['state', 'state = @state'],
  ['rule', 'rule_id = @rule'],
] as const;

type Params = Record<string, unknown>;
type StateRow = { rule_id: string; series: string; state: string; updated_at: number };

export class AlertStore {
  private readonly statements = new Map<string, Database.Statement<[Params], unknown>>();

  constructor(private readonly db: Database.Database) {}

  /** Every saved evaluator state. Rows with damaged JSON are skipped and passed to `onDamaged`. */
  loadStates(onDamaged?: (damaged: DamagedState) => void): SavedState[] {
    const rows = this.all<StateRow>(
      'SELECT rule_id, series, state, updated_at FROM alert_state ORDER BY rule_id, series',
    );
    const states: SavedState[] = [];
    for (const row of rows) {
      try {
        states.push({
          ruleId: row.rule_id,
          series: row.series,
          state: JSON.parse(row.state),
          updatedAt: row.updated_at,
        });
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        onDamaged?.({ ruleId: row.rule_id, series: row.series, raw: row.state, error: err });
      }
    }
    return states;
  }

  saveState(ruleId: string, series: string, state: unknown, updatedAt: number): void {
    this.run(
      `INSERT INTO alert_state (rule_id, series, state, updated_at) VALUES (@ruleId, @series, @state, @updatedAt)
       ON CONFLICT (rule_id, series) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      { ruleId, series, state: stateJson(state), updatedAt },
    );
  }

  deleteState(ruleId: string, series: string): void {
    this.run('DELETE FROM alert_state WHERE rule_id = @ruleId AND series = @series', { ruleId, series });
  }

  /** Returns how many states were deleted. */
  deleteStatesOfRule(ruleId: string): number {
    return this.run('DELETE FROM alert_state WHERE rule_id = @ruleId', { ruleId });
  }

  /** Records a new firing instance; its peak starts at `value`. Returns the new id. */
  openInstance(input: NewInstance): number {
    const info = this.statement(
      `INSERT INTO alert_instances (rule_id, rule_name, series, state, severity, since, fired_at, value, peak, threshold, top_processes)
       VALUES (@ruleId, @ruleName, @series, 'firing', @severity, @since, @firedAt, @value, @value, @threshold, @top)`,
    ).run({
      ruleId: input.ruleId,
      ruleName: input.ruleName,
      series: input.series,
      severity: input.severity,
      since: input.since,
      firedAt: input.firedAt,
      value: input.value,
      threshold: input.threshold,
      top: topProcessesJson(input.topProcesses),
    });
    return Number(info.lastInsertRowid);
  }

  /** Changes the given fields; keys that are absent or undefined are left alone. */
  updateInstance(id: number, patch: Partial<InstancePatch>): void {
    const keys = (Object.keys(PATCH_COLUMNS) as (keyof InstancePatch)[]).filter((key) => patch[key] !== undefined);
    if (keys.length === 0) return;
    const params: Params = { id };
    for (const key of keys) params[key] = patchValue(key, patch[key]);
    const sets = keys.map((key) => `${PATCH_COLUMNS[key]} = @${key}`).join(', ');
    this.run(`UPDATE alert_instances SET ${sets} WHERE id = @id`, params);
  }

  addEvent(instanceId: number, event: NewEvent): void {
    this.run(
      `INSERT INTO alert_events (instance_id, at, kind, severity, value, notified, suppressed)
       VALUES (@instanceId, @at, @kind, @severity, @value, @notified, @suppressed)`,
      {
        instanceId,
        at: event.at,
        kind: event.kind,
        severity: event.severity,
        value: event.value,
        notified: event.notified ? 1 : 0,
        suppressed: event.suppressed,
      },
    );
  }

  /** One instance with its events, oldest first; null when there is no such id. */
  instance(id: number): AlertInstance | null {
    return (
      this.withEvents(
        this.all<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM alert_instances WHERE id = @id`, { id }),
      )[0] ?? null
    );
  }

  /** Marks an instance acknowledged; a second call keeps the first time. Null when there is no such id. */
  acknowledge(id: number, at: number): AlertInstance | null {
    this.run('UPDATE alert_instances SET acknowledged_at = COALESCE(acknowledged_at, @at) WHERE id = @id', { id, at });
    return this.instance(id);
  }

  /** Instances overlapping [from, to] that match the filters, newest fired first, with their events. */
  history(query: AlertHistoryQuery = {}): AlertHistoryResult {
    const present = FILTERS.filter(([name]) => query[name] !== undefined);
    const where = present.length === 0 ? '' : `WHERE ${present.map(([, clause]) => clause).join(' AND ')}`;
    const params: Params = {};
    for (const [name] of present) params[name] = query[name];
    const limit = clamp(query.limit, 0, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = clamp(query.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    // One read transaction: the count and the page see the same snapshot.
    return this.db.transaction(() => {
      const total = this.all<{ n: number }>(`SELECT COUNT(*) AS n FROM alert_instances ${where}`, params)[0]?.n ?? 0;
      const page = this.all<InstanceRow>(
        `SELECT ${INSTANCE_COLUMNS} FROM alert_instances ${where} ORDER BY fired_at DESC, id DESC LIMIT @limit OFFSET @offset`,
        { ...params, limit, offset },
      );
      return { data: this.withEvents(page), total };
    })();
  }

  /** Instances still firing, oldest first. */
  openInstances(): AlertInstance[] {
    return this.withEvents(
      this.all<InstanceRow>(
        `SELECT ${INSTANCE_COLUMNS} FROM alert_instances WHERE state = 'firing' ORDER BY fired_at, id`,
      ),
    );
  }

  /** Target (a rule id, or `*` for every rule) → snoozed until. Expired ones too, until cleared. */
  snoozes(): Map<string, number> {
    const rows = this.all<{ target: string; until: number }>('SELECT target, "until" FROM alert_snoozes');
    return new Map(rows.map((row) => [row.target, row.until]));
  }

  /** Sets (or replaces) a snooze; `null` lifts it. */
  setSnooze(target: string, until: number | null): void {
    if (until === null) this.run('DELETE FROM alert_snoozes WHERE target = @target', { target });
    else
      this.run(
        'INSERT INTO alert_snoozes (target, "until") VALUES (@target, @until) ON CONFLICT (target) DO UPDATE SET "until" = excluded."until"',
        { target, until },
      );
  }

  /** Deletes snoozes that ended at or before `now`; returns how many. */
  clearExpiredSnoozes(now: number): number {
    return this.run('DELETE FROM alert_snoozes WHERE "until" <= @now', { now });
  }

  /** Deletes instances resolved before `before`, with their events; returns how many instances. */
  prune(before: number): number {
    const old = `SELECT id FROM alert_instances WHERE state = 'resolved' AND resolved_at < @before`;
    return this.db.transaction(() => {
      // Explicitly, not by ON DELETE CASCADE: that needs PRAGMA foreign_keys, which the file's other users leave off.
      this.run(`DELETE FROM alert_events WHERE instance_id IN (${old})`, { before });
      return this.run(`DELETE FROM alert_instances WHERE id IN (${old})`, { before });
    })();
  }

  /** Attaches events to instance rows with one query for the whole list (never one per instance). */
  private withEvents(rows: readonly InstanceRow[]): AlertInstance[] {
    if (rows.length === 0) return [];
    const events = this.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM alert_events WHERE instance_id IN (SELECT value FROM json_each(@ids))
       ORDER BY instance_id, at, id`,
      { ids: JSON.stringify(rows.map((row) => row.id)) },
    );
    const byInstance = groupEvents(events);
    return rows.map((row) => toInstance(row, byInstance.get(row.id) ?? []));
  }

  /** Statements are cached by their text; dynamic ones (history, updateInstance) have few variants. */
  private statement(text: string): Database.Statement<[Params], unknown> {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare<[Params], unknown>(text)));
    return stmt;
  }

  private all<R>(text: string, params: Params = {}): R[] {
    return this.statement(text).all(params) as R[];
  }

  private run(text: string, params: Params): number {
    return this.statement(text).run(params).changes;
  }
}
