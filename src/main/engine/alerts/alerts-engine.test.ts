import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent, TopProcesses } from '../../../shared/alerts.js';
import { InputError, NotFoundError, parseInput } from '../../../shared/contract.js';
import { mergeSettings, parseSettings, type Settings } from '../../../shared/settings.js';
import type { Collector } from '../collect/types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { MetricStore } from '../store/metric-store.js';
import type { Notification, Notifier } from './notify/notifier.js';

const T0 = Date.UTC(2026, 10, 23, 9);
const TOP: TopProcesses = {
  at: T0,
  byCpu: [{ pid: 4242, name: 'render-farm', cpuPercent: 187, rssBytes: 2e9 }],
  byMemory: [{ pid: 4242, name: 'render-farm', cpuPercent: 187, rssBytes: 2e9 }],
};

/** The machine under test: every reading is whatever the test puts in `values`. */
class Rig {
  values: Record<string, number> = { 'cpu.total': 10, 'mem.percent': 40 };
  slow: Record<string, number> = { 'disk.used_pct': 50, 'fs.used_pct[/]': 50, 'fs.used_pct[/data]': 50 };
  now = T0;
  mono = 0;
  readonly sent: Notification[] = [];
  readonly events: AlertEvent[] = [];
  failing = false;
  readonly notifier: Notifier = {
    channel: 'capture',
    send: async (n) => {
      if (this.failing) throw new Error('capture channel is down');
      this.sent.push(n);
    },
  };
  collectors(): { hot: Collector[]; slow: Collector[] } {
    return {
      hot: [{ name: 'rig', cadence: 'hot', collect: async () => ({ ...this.values }), reset: () => {} }],
      slow: [{ name: 'rig-slow', cadence: 'slow', collect: async () => ({ ...this.slow }), reset: () => {} }],
    };
  }
  notified(): string[] {
    return this.sent.map((n) => `${n.event.kind}:${n.event.ruleId}:${n.event.series}`);
  }
}

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

async function open(rig: Rig, settings: Settings, db?: string, minutesOfDay?: (ms: number) => number) {
  const file = db ?? join(await mkdtemp(join(tmpdir(), 'dashlight-alerts-')), 'dashlight.db');
  const paths = resolveDataPaths({ db: file });
  const engine = await Engine.open({
    paths,
    settings,
    log: silentLogger(),
    collectors: rig.collectors(),
    clock: { wall: () => rig.now, mono: () => rig.mono },
    notifiers: [rig.notifier],
    processes: { read: async () => TOP },
    minutesOfDay,
  });
  engine.on('alert', (e) => rig.events.push(e));
  engines.push(engine);
  return { engine, file, paths };
}

/** One sample per `stepMs` of rig time, `count` times. */
async function tick(engine: Engine, rig: Rig, count = 1, stepMs = 10_000) {
  for (let i = 0; i < count; i++) {
    rig.now += stepMs;
    rig.mono += stepMs;
    await engine.sampleNow();
  }
  await engine.alertsIdle();
}

const cpuRule = {
  id: 'cpu',
  name: 'CPU busy',
  metric: 'cpu.total',
  comparator: 'above',
  warning: 80,
  critical: 90,
  for: '30s',
};
// The sampling interval matches the test's step, so consecutive samples are not gaps.
const settingsWith = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  parseSettings({ sampling: { interval: '10s' }, alerts: { rules, ...extra } });

describe('alerts in the engine', () => {
  it('fires after `for`, captures the top processes, notifies, records history, and recovers', async () => {
    const rig = new Rig();
    const { engine } = await open(rig, settingsWith([cpuRule]));
    await tick(engine, rig);
    rig.values['cpu.total'] = 95;
    await tick(engine, rig, 3);
    expect(rig.sent).toEqual([]);
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['firing:cpu:cpu.total']);
    const firing = rig.sent[0]!;
    expect(firing).toMatchObject({ urgency: 'critical', test: false });
    expect(firing.body).toBe(
      'CPU busy is critical: cpu.total at 95.0 % (above 90.0 %) for 30s. Top process: render-farm (pid 4242) 187 % CPU',
    );
    expect((await engine.listRules()).rules[0]!.instances).toEqual([
      { series: 'cpu.total', phase: 'firing', severity: 'critical', since: T0 + 20_000, value: 95 },
    ]);

    rig.values['cpu.total'] = 99;
    await tick(engine, rig);
    rig.values['cpu.total'] = 20;
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['firing:cpu:cpu.total', 'resolved:cpu:cpu.total']);
    expect(rig.events.map((e) => e.kind)).toEqual(['pending', 'firing', 'resolved']);

    const history = await engine.alertHistory(parseInput('alertHistory', {}));
    expect(history.total).toBe(1);
    expect(history.data[0]).toMatchObject({
      ruleId: 'cpu',
      state: 'resolved',
      severity: 'critical',
      since: T0 + 20_000,
      firedAt: T0 + 50_000,
      resolvedAt: T0 + 70_000,
      peak: 99,
      topProcesses: TOP,
    });
    expect(history.data[0]!.events.map((e) => `${e.kind}:${e.notified}`)).toEqual(['firing:true', 'resolved:true']);
    const acked = await engine.acknowledge({ id: history.data[0]!.id });
    expect(acked.acknowledgedAt).toEqual(expect.any(Number));
    await expect(engine.acknowledge({ id: 999 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a firing alert survives a restart without being notified again', async () => {
    const rig = new Rig();
    const settings = settingsWith([{ ...cpuRule, for: 0, repeat: '1h' }]);
    const first = await open(rig, settings);
    rig.values['cpu.total'] = 95;
    await tick(first.engine, rig, 2);
    expect(rig.notified()).toEqual(['firing:cpu:cpu.total']);
    await first.engine.stop();
    engines.length = 0;

    const second = await open(rig, settings, first.file);
    // An hour more of firing: exactly one repeat (1 h after the first notification), no new firing.
    await tick(second.engine, rig, 6 * 60);
    expect(rig.notified()).toEqual(['firing:cpu:cpu.total', 'repeat:cpu:cpu.total']);
    rig.values['cpu.total'] = 10;
    await tick(second.engine, rig);
    expect(rig.notified().at(-1)).toBe('resolved:cpu:cpu.total');
    const history = await second.engine.alertHistory(parseInput('alertHistory', {}));
    expect(history.data.map((i) => i.state)).toEqual(['resolved']);
  });

  it('watches every mount separately, and the battery only while it is not charging', async () => {
    const rig = new Rig();
    const disk = { id: 'disk', name: 'Disk full', metric: 'fs.used_pct', comparator: 'above', critical: 90 };
    const battery = {
      id: 'battery',
      name: 'Battery low',
      metric: 'battery.percent',
      comparator: 'below',
      critical: 10,
      when: { metric: 'battery.charging', equals: 0 },
    };
    const { engine } = await open(rig, settingsWith([disk, battery]));
    rig.slow = {
      'disk.used_pct': 60,
      'fs.used_pct[/]': 50,
      'fs.used_pct[/data]': 95,
      'battery.percent': 5,
      'battery.charging': 1,
    };
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['firing:disk:fs.used_pct[/data]']);
    rig.slow = { ...rig.slow, 'battery.charging': 0 };
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['firing:disk:fs.used_pct[/data]', 'firing:battery:battery.percent']);
    rig.slow = { ...rig.slow, 'battery.charging': 1 };
    await tick(engine, rig);
    expect(rig.notified().at(-1)).toBe('resolved:battery:battery.percent');
    const status = await engine.listRules();
    expect(status.rules[0]!.instances.map((i) => `${i.series}=${i.phase}`).sort()).toEqual([
      'fs.used_pct[/]=ok',
      'fs.used_pct[/data]=firing',
    ]);
  });

  it('a snoozed rule records but does not notify; snooze("all") covers every rule', async () => {
    const rig = new Rig();
    const { engine } = await open(rig, settingsWith([{ ...cpuRule, for: 0 }]));
    const until = rig.now + 3_600_000;
    await engine.snooze({ target: 'cpu', until });
    rig.values['cpu.total'] = 95;
    await tick(engine, rig, 2);
    expect(rig.sent).toEqual([]);
    expect(rig.events.map((e) => `${e.kind}:${e.suppressed}`)).toEqual(['firing:snoozed']);
    expect((await engine.listRules()).rules[0]!.snoozedUntil).toBe(until);
    await engine.snooze({ target: 'cpu', until: null });
    await engine.snooze({ target: 'all', until: rig.now + 60_000 });
    expect((await engine.listRules()).allSnoozedUntil).toBe(rig.now + 60_000);
    await expect(engine.snooze({ target: 'nope', until: null })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('quiet hours hold notifications back and tell a still-firing alert once they end', async () => {
    const rig = new Rig();
    let quiet = true;
    const { engine } = await open(
      rig,
      settingsWith([{ ...cpuRule, for: 0 }], { quietHours: { start: '22:00', end: '07:00' } }),
      undefined,
      () => (quiet ? 23 * 60 : 8 * 60),
    );
    expect((await engine.listRules()).quietNow).toBe(true);
    rig.values['cpu.total'] = 95;
    await tick(engine, rig, 2);
    expect(rig.sent).toEqual([]);
    quiet = false;
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['reminder:cpu:cpu.total']);
  });

  it('rules are saved into the settings file, validated, and deleting one withdraws its alert', async () => {
    const rig = new Rig();
    const { engine, paths } = await open(rig, settingsWith([]));
    const saved = await engine.saveRule(
      parseInput('saveRule', { name: 'Swap heavy', metric: 'swap.percent', comparator: 'above', warning: 50 }),
    );
    expect(saved).toMatchObject({ id: 'swap-heavy', for: 0, enabled: true });
    expect(() => parseInput('saveRule', { name: 'x', metric: 'swap.percent', comparator: 'above' })).toThrow(
      InputError,
    );
    const onDisk = JSON.parse(await readFile(paths.configFile, 'utf8')) as Settings;
    expect(onDisk.alerts.rules.map((r) => r.id)).toEqual(['swap-heavy']);

    await engine.saveRule(parseInput('saveRule', { ...cpuRule, for: 0 }));
    rig.values['cpu.total'] = 95;
    await tick(engine, rig);
    await engine.deleteRule({ id: 'cpu' });
    await engine.alertsIdle();
    expect(rig.events.map((e) => e.kind)).toEqual(['firing', 'cancelled']);
    const history = await engine.alertHistory(parseInput('alertHistory', { rule: 'cpu' }));
    expect(history.data[0]).toMatchObject({ state: 'resolved' });
    await expect(engine.deleteRule({ id: 'cpu' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await engine.listRules()).rules.map((r) => r.rule.id)).toEqual(['swap-heavy']);
  });

  it('a rule edited to watch another metric withdraws the old alert; a threshold edit keeps it', async () => {
    const rig = new Rig();
    const { engine } = await open(rig, settingsWith([{ ...cpuRule, for: 0 }]));
    rig.values['cpu.total'] = 95;
    await tick(engine, rig);
    await engine.saveRule(parseInput('saveRule', { ...cpuRule, for: 0, critical: 94 }));
    await tick(engine, rig);
    expect(rig.events.map((e) => e.kind)).toEqual(['firing']);
    await engine.saveRule(parseInput('saveRule', { ...cpuRule, metric: 'mem.percent' }));
    await engine.alertsIdle();
    expect(rig.events.map((e) => `${e.kind}:${e.series}`)).toEqual(['firing:cpu.total', 'cancelled:cpu.total']);
  });

  it('testRule sends through every channel and reports each', async () => {
    const rig = new Rig();
    const { engine } = await open(rig, settingsWith([cpuRule]));
    const ok = await engine.testRule({ id: 'cpu' });
    expect(ok.channels.map((c) => `${c.channel}:${c.ok}`).sort()).toEqual(['capture:true', 'log:true']);
    expect(rig.sent[0]).toMatchObject({ test: true });
    expect(rig.sent[0]!.body).toMatch(/^Test notification from Dashlight\. CPU busy is critical/);
    rig.failing = true;
    const failed = await engine.testRule({ id: 'cpu' });
    expect(failed.channels.find((c) => c.channel === 'capture')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('capture channel is down'),
    });
    await expect(engine.testRule({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the disk forecast fires on a steadily filling mount from the stored history', async () => {
    const rig = new Rig();
    const dir = await mkdtemp(join(tmpdir(), 'dashlight-forecast-'));
    const file = join(dir, 'dashlight.db');
    const seed = await MetricStore.open(file);
    // Six hours of 1-minute readings: / fills at 3 %/h (full in ~10 h), /data stays flat.
    for (let m = 360; m >= 1; m--) {
      seed.append({ ts: T0 - m * 60_000, values: { 'fs.used_pct[/]': 70 - (3 * m) / 60, 'fs.used_pct[/data]': 40 } });
    }
    seed.flush();
    seed.close();
    const forecast = { id: 'fill', name: 'Disk filling up', kind: 'forecast', metric: 'fs.used_pct', within: '24h' };
    const { engine } = await open(rig, mergeSettings(settingsWith([forecast]), {}), file);
    rig.slow = { 'disk.used_pct': 60, 'fs.used_pct[/]': 70, 'fs.used_pct[/data]': 40 };
    await tick(engine, rig);
    expect(rig.notified()).toEqual(['firing:fill:fs.used_pct[/]']);
    expect(rig.sent[0]!.body).toMatch(/^Disk filling up is warning: fs\.used_pct\[\/\] reaches 100 % in about 9h/);
  });
});
