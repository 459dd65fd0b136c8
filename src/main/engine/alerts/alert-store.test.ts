import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TopProcesses } from '../../../shared/alerts.js';
import type { MetricStore } from '../store/metric-store.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import { T0, dbIn, useTempDir } from '../store/test-support.js';
import { AlertStore, type DamagedState, type InstancePatch, type NewInstance } from './alert-store.js';

const TOP: TopProcesses = {
  at: T0,
  byCpu: [{ pid: 42, name: 'cc1plus', cpuPercent: 180, rssBytes: 900_000_000 }],
  byMemory: [{ pid: 7, name: 'firefox', cpuPercent: 3, rssBytes: 2_000_000_000 }],
};

function instanceInput(overrides: Partial<NewInstance> = {}): NewInstance {
  return {
    ruleId: 'hot-cpu',
    ruleName: 'Hot CPU',
    series: 'cpu.total',
    severity: 'warning',
    since: T0 - 60_000,
    firedAt: T0,
    value: 91,
    threshold: 90,
    ...overrides,
  };
}

const event = (at: number, kind: 'firing' | 'escalated' | 'resolved' | 'repeat', value: number | null = null) => ({
  at,
  kind,
  severity: kind === 'resolved' ? null : ('warning' as const),
  value,
  notified: kind !== 'repeat',
  suppressed: kind === 'repeat' ? ('snoozed' as const) : null,
});

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('AlertStore', () => {
  const dir = useTempDir('dashlight-alerts-');

  async function open(): Promise<{ store: MetricStore; alerts: AlertStore }> {
    const store = await openEngineStore(dbIn(dir));
    return { store, alerts: new AlertStore(store.connection) };
  }

  it('saves, replaces, loads and deletes evaluator states', async () => {
    const { store, alerts } = await open();
    alerts.saveState('hot-cpu', 'cpu.total', { phase: 'pending', since: T0 }, T0);
    alerts.saveState('hot-cpu', 'cpu.total', { phase: 'firing', since: T0, instanceId: 1 }, T0 + 1000);
    alerts.saveState('disk', 'fs.used_pct[/]', [1, 'two', null], T0);
    alerts.saveState('disk', 'fs.used_pct[/home]', undefined, T0);
    expect(alerts.loadStates()).toEqual([
      { ruleId: 'disk', series: 'fs.used_pct[/]', state: [1, 'two', null], updatedAt: T0 },
      { ruleId: 'disk', series: 'fs.used_pct[/home]', state: null, updatedAt: T0 },
      {
        ruleId: 'hot-cpu',
        series: 'cpu.total',
        state: { phase: 'firing', since: T0, instanceId: 1 },
        updatedAt: T0 + 1000,
      },
    ]);
    alerts.deleteState('hot-cpu', 'cpu.total');
    alerts.deleteState('hot-cpu', 'no-such-series');
    expect(alerts.loadStates().map((s) => s.series)).toEqual(['fs.used_pct[/]', 'fs.used_pct[/home]']);
    expect(alerts.deleteStatesOfRule('disk')).toBe(2);
    expect(alerts.loadStates()).toEqual([]);
    store.close();
  });

  it('keeps states, instances and snoozes across close and reopen of the file', async () => {
    const first = await open();
    first.alerts.saveState('hot-cpu', 'cpu.total', { phase: 'firing' }, T0);
    const id = first.alerts.openInstance(instanceInput());
    first.alerts.setSnooze('*', T0 + 3_600_000);
    first.store.close();
    const second = await open();
    expect(second.alerts.loadStates()).toEqual([
      { ruleId: 'hot-cpu', series: 'cpu.total', state: { phase: 'firing' }, updatedAt: T0 },
    ]);
    expect(second.alerts.openInstances().map((i) => i.id)).toEqual([id]);
    expect(second.alerts.snoozes()).toEqual(new Map([['*', T0 + 3_600_000]]));
    second.store.close();
  });

  it('reports a state row with damaged JSON instead of throwing, and still loads the rest', async () => {
    const { store, alerts } = await open();
    alerts.saveState('a', 's1', { ok: true }, T0);
    store.connection
      .prepare("INSERT INTO alert_state (rule_id, series, state, updated_at) VALUES ('b', 's2', '{\"phase\": fir', ?)")
      .run(T0);
    const damaged: DamagedState[] = [];
    expect(alerts.loadStates((d) => damaged.push(d))).toEqual([
      { ruleId: 'a', series: 's1', state: { ok: true }, updatedAt: T0 },
    ]);
    expect(damaged).toEqual([{ ruleId: 'b', series: 's2', raw: '{"phase": fir', error: expect.any(SyntaxError) }]);
    expect(() => alerts.loadStates()).not.toThrow();
    alerts.deleteState('b', 's2');
    expect(alerts.loadStates()).toHaveLength(1);
    store.close();
  });

  it('opens an instance and reads it back with its events, oldest first', async () => {
    const { store, alerts } = await open();
    const id = alerts.openInstance(instanceInput({ topProcesses: TOP }));
    alerts.addEvent(id, event(T0 + 5000, 'repeat', 93));
    alerts.addEvent(id, event(T0, 'firing', 91));
    expect(alerts.instance(id)).toEqual({
      id,
      ruleId: 'hot-cpu',
      ruleName: 'Hot CPU',
      series: 'cpu.total',
      state: 'firing',
      severity: 'warning',
      since: T0 - 60_000,
      firedAt: T0,
      resolvedAt: null,
      acknowledgedAt: null,
      value: 91,
      peak: 91,
      threshold: 90,
      topProcesses: TOP,
      events: [
        { kind: 'firing', at: T0, value: 91, notified: true, suppressed: null },
        { kind: 'repeat', at: T0 + 5000, value: 93, notified: false, suppressed: 'snoozed' },
      ],
    });
    const other = alerts.openInstance(instanceInput({ value: null, threshold: null }));
    expect(other).toBe(id + 1);
    expect(alerts.instance(other)).toMatchObject({
      value: null,
      peak: null,
      threshold: null,
      topProcesses: null,
      events: [],
    });
    expect(alerts.instance(9999)).toBeNull();
    store.close();
  });

  it('updates only the fields given', async () => {
    const { store, alerts } = await open();
    const id = alerts.openInstance(instanceInput({ topProcesses: TOP }));
    alerts.updateInstance(id, { severity: 'critical', value: 97, peak: 97, threshold: 95 });
    expect(alerts.instance(id)).toMatchObject({
      severity: 'critical',
      value: 97,
      peak: 97,
      threshold: 95,
      topProcesses: TOP,
    });
    alerts.updateInstance(id, { state: 'resolved', resolvedAt: T0 + 9000, value: null, topProcesses: null });
    alerts.updateInstance(id, {});
    // Keys outside the patch whitelist never reach the SQL text.
    const hostile = { peak: undefined, 'rule_id = 0; DROP TABLE alert_events; --': 1 } as Partial<InstancePatch>;
    alerts.updateInstance(id, hostile);
    expect(alerts.instance(id)).toMatchObject({
      state: 'resolved',
      resolvedAt: T0 + 9000,
      value: null,
      peak: 97,
      severity: 'critical',
      topProcesses: null,
      ruleId: 'hot-cpu',
    });
    expect(count(store.connection, 'alert_events')).toBe(0);
    store.close();
  });

  it('acknowledges once: a second acknowledgement keeps the first time', async () => {
    const { store, alerts } = await open();
    const id = alerts.openInstance(instanceInput());
    expect(alerts.acknowledge(id, T0 + 1000)?.acknowledgedAt).toBe(T0 + 1000);
    expect(alerts.acknowledge(id, T0 + 2000)?.acknowledgedAt).toBe(T0 + 1000);
    expect(alerts.instance(id)?.acknowledgedAt).toBe(T0 + 1000);
    expect(alerts.acknowledge(9999, T0)).toBeNull();
    store.close();
  });

  describe('history', () => {
    /** A: 100–200 (hot-cpu), C: 150–250 (disk), B: 300– still firing (hot-cpu). */
    async function seeded() {
      const opened = await open();
      const { alerts } = opened;
      const a = alerts.openInstance(instanceInput({ firedAt: T0 + 100 }));
      alerts.updateInstance(a, { state: 'resolved', resolvedAt: T0 + 200 });
      const c = alerts.openInstance(instanceInput({ ruleId: 'disk', series: 'fs.used_pct[/]', firedAt: T0 + 150 }));
      alerts.updateInstance(c, { state: 'resolved', resolvedAt: T0 + 250 });
      const b = alerts.openInstance(instanceInput({ firedAt: T0 + 300 }));
      for (const [id, at] of [
        [a, 100],
        [c, 150],
        [b, 300],
        [a, 200],
        [c, 250],
      ] as const) {
        alerts.addEvent(id, event(T0 + at, at === 200 || at === 250 ? 'resolved' : 'firing'));
      }
      return { ...opened, a, b, c };
    }
    const ids = (result: { data: readonly { id: number }[] }) => result.data.map((i) => i.id);

    it('returns everything newest fired first, each instance with its own events', async () => {
      const { store, alerts, a, b, c } = await seeded();
      const all = alerts.history({});
      expect(ids(all)).toEqual([b, c, a]);
      expect(all.total).toBe(3);
      expect(all.data.map((i) => i.events.map((e) => [e.kind, e.at - T0]))).toEqual([
        [['firing', 300]],
        [
          ['firing', 150],
          ['resolved', 250],
        ],
        [
          ['firing', 100],
          ['resolved', 200],
        ],
      ]);
      expect(alerts.history()).toEqual(all);
      store.close();
    });

    it('selects instances that overlap [from, to], edges included', async () => {
      const { store, alerts, a, b, c } = await seeded();
      expect(ids(alerts.history({ from: T0 + 200, to: T0 + 300 }))).toEqual([b, c, a]);
      expect(ids(alerts.history({ from: T0 + 201, to: T0 + 299 }))).toEqual([c]);
      expect(ids(alerts.history({ from: T0 + 251 }))).toEqual([b]);
      expect(ids(alerts.history({ to: T0 + 149 }))).toEqual([a]);
      expect(ids(alerts.history({ from: T0 + 10_000 }))).toEqual([b]);
      expect(alerts.history({ to: T0 + 99 })).toEqual({ data: [], total: 0 });
      store.close();
    });

    it('filters by state and rule, and pages with a total that ignores the page', async () => {
      const { store, alerts, a, b, c } = await seeded();
      expect(ids(alerts.history({ state: 'firing' }))).toEqual([b]);
      expect(ids(alerts.history({ state: 'resolved' }))).toEqual([c, a]);
      expect(ids(alerts.history({ rule: 'disk' }))).toEqual([c]);
      expect(ids(alerts.history({ rule: 'hot-cpu', state: 'resolved', from: T0 }))).toEqual([a]);
      expect(alerts.history({ limit: 1, offset: 1 })).toMatchObject({ data: [{ id: c }], total: 3 });
      expect(alerts.history({ limit: 2, offset: 2 })).toMatchObject({ data: [{ id: a }], total: 3 });
      expect(alerts.history({ limit: 0 })).toEqual({ data: [], total: 3 });
      expect(ids(alerts.history({ limit: Number.NaN, offset: -5 }))).toEqual([b, c, a]);
      store.close();
    });

    it('returns 100 by default and at most 1000', async () => {
      const { store, alerts } = await open();
      store.connection.transaction(() => {
        for (let n = 0; n < 1005; n++) alerts.openInstance(instanceInput({ firedAt: T0 + n }));
      })();
      const page = alerts.history();
      expect(page.data).toHaveLength(100);
      expect(page.data[0]?.firedAt).toBe(T0 + 1004);
      expect(page.total).toBe(1005);
      expect(alerts.history({ limit: 5000 }).data).toHaveLength(1000);
      store.close();
    });
  });

  it('lists the instances still firing, oldest first', async () => {
    const { store, alerts } = await open();
    const late = alerts.openInstance(instanceInput({ firedAt: T0 + 500 }));
    const early = alerts.openInstance(instanceInput({ series: 'cpu.core[0]', firedAt: T0 }));
    const done = alerts.openInstance(instanceInput({ firedAt: T0 + 100 }));
    alerts.updateInstance(done, { state: 'resolved', resolvedAt: T0 + 200 });
    alerts.addEvent(late, event(T0 + 500, 'firing', 92));
    expect(alerts.openInstances().map((i) => [i.id, i.events.length])).toEqual([
      [early, 0],
      [late, 1],
    ]);
    store.close();
  });

  it('sets, replaces, lifts and expires snoozes', async () => {
    const { store, alerts } = await open();
    expect(alerts.snoozes()).toEqual(new Map());
    alerts.setSnooze('hot-cpu', T0 + 1000);
    alerts.setSnooze('hot-cpu', T0 + 5000);
    alerts.setSnooze('*', T0 + 2000);
    alerts.setSnooze('disk', T0 + 9000);
    alerts.setSnooze('disk', null);
    alerts.setSnooze('never-set', null);
    expect(alerts.snoozes()).toEqual(
      new Map([
        ['hot-cpu', T0 + 5000],
        ['*', T0 + 2000],
      ]),
    );
    expect(alerts.clearExpiredSnoozes(T0 + 1999)).toBe(0);
    expect(alerts.clearExpiredSnoozes(T0 + 2000)).toBe(1);
    expect(alerts.snoozes()).toEqual(new Map([['hot-cpu', T0 + 5000]]));
    store.close();
  });

  it('prunes instances resolved before a time together with their events, never firing ones', async () => {
    const { store, alerts } = await open();
    const old = alerts.openInstance(instanceInput({ firedAt: T0 }));
    alerts.updateInstance(old, { state: 'resolved', resolvedAt: T0 + 100 });
    const edge = alerts.openInstance(instanceInput({ firedAt: T0 + 50 }));
    alerts.updateInstance(edge, { state: 'resolved', resolvedAt: T0 + 200 });
    const firing = alerts.openInstance(instanceInput({ firedAt: T0 - 10_000 }));
    for (const id of [old, old, edge, firing]) alerts.addEvent(id, event(T0, 'firing'));
    expect(alerts.prune(T0 + 200)).toBe(1);
    expect(alerts.instance(old)).toBeNull();
    expect(alerts.history().data.map((i) => [i.id, i.events.length])).toEqual([
      [edge, 1],
      [firing, 1],
    ]);
    expect(count(store.connection, 'alert_events')).toBe(2);
    expect(alerts.prune(T0 + 200)).toBe(0);
    store.close();
  });
});
