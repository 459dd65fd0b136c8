/**
 * The processes module inside a real engine, with a process table the test writes and a clock it
 * holds: the live list, minutes of history read back through `topProcesses`, process alert rules
 * from firing to recovery, and what turning process sampling off or pausing does.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertEvent } from '../../../shared/alerts.js';
import type { LiveProcesses } from '../../../shared/processes.js';
import { mergeSettings, parseSettings, SettingsError, type Settings } from '../../../shared/settings.js';
import type { Notification } from '../alerts/notify/notifier.js';
import { FakeProcessTable, proc } from '../collect/processes/test-support/fake-process-table.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../log/logger.js';
import { resolveDataPaths } from '../paths.js';
import { fakeCollectors } from '../test-support/fake-collectors.js';
import { TestClock } from '../test-support/test-clock.js';

const T0 = Date.UTC(2026, 10, 23, 9);
const MiB = 1024 * 1024;
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  vi.useRealTimers();
});

async function open(settings: Settings = parseSettings({ alerts: { rules: [] } })) {
  const clock = new TestClock(T0);
  const table = new FakeProcessTable(clock, 4);
  const sent: Notification[] = [];
  const engine = await Engine.open({
    paths: resolveDataPaths({ db: join(await mkdtemp(join(tmpdir(), 'dashlight-processes-')), 'dashlight.db') }),
    settings,
    log: silentLogger(),
    collectors: fakeCollectors(),
    clock,
    processTable: table,
    notifiers: [{ channel: 'capture', send: async (n) => void sent.push(n) }],
    processes: { read: async () => ({ at: clock.wall(), byCpu: [], byMemory: [] }) },
  });
  engines.push(engine);
  const live: LiveProcesses[] = [];
  const alerts: AlertEvent[] = [];
  engine.on('processes', (p) => live.push(p));
  engine.on('alert', (a) => alerts.push(a));
  /** One pass `seconds` after the previous one. */
  const pass = async (seconds = 5) => {
    clock.advance(seconds * 1000);
    await engine.sampleProcessesNow();
    await engine.alertsIdle();
  };
  return { engine, clock, table, sent, live, alerts, pass };
}

describe('the processes module', () => {
  it('publishes the top apps after each pass, CPU as percent of a core and share of the machine', async () => {
    const { engine, table, live, pass } = await open();
    table.processes = [
      proc(10, 'firefox', { cpuCs: 250, rssBytes: 900 * MiB, ioBytes: 1_048_576 }),
      proc(11, 'firefox', { cpuCs: 50, rssBytes: 300 * MiB, ioBytes: 0 }),
      proc(
        20,
        'postgres',
        { cpuCs: 100, rssBytes: 2000 * MiB, ioBytes: null },
        { kind: 'unit', name: 'postgresql.service' },
      ),
      proc(30, 'sleepy', { rssBytes: 1 * MiB }),
    ];
    await pass();
    expect(live).toEqual([]);
    expect(await engine.liveProcesses()).toBeNull();
    await pass();
    expect(live).toHaveLength(1);
    expect(await engine.liveProcesses()).toEqual(live[0]);
    expect(live[0]).toEqual({
      ts: T0 + 10_000,
      intervalMs: 5000,
      cores: 4,
      processCount: 4,
      apps: [
        {
          app: 'firefox',
          kind: 'exe',
          cpuPercent: 60,
          cpuShare: 0.15,
          rssBytes: 1200 * MiB,
          ioBytesPerSecond: 209_715.2,
          processes: 2,
          topPid: 10,
          command: '/usr/bin/firefox',
        },
        {
          app: 'postgresql.service',
          kind: 'unit',
          cpuPercent: 20,
          cpuShare: 0.05,
          rssBytes: 2000 * MiB,
          ioBytesPerSecond: null,
          processes: 1,
          topPid: 20,
          command: '/usr/bin/postgres',
        },
        {
          app: 'sleepy',
          kind: 'exe',
          cpuPercent: 0,
          cpuShare: 0,
          rssBytes: 1 * MiB,
          ioBytesPerSecond: 0,
          processes: 1,
          topPid: 30,
          command: '/usr/bin/sleepy',
        },
      ],
    });
  });

  it('answers topProcesses for a minute once passes have added it up, and for the minute still open', async () => {
    const { engine, table, pass } = await open();
    table.processes = [proc(10, 'busy', { cpuCs: 400, rssBytes: 50 * MiB }), proc(20, 'idle', { rssBytes: 80 * MiB })];
    for (let i = 0; i < 13; i++) await pass(); // T0+5 s … T0+65 s
    const first = await engine.topProcesses({ from: T0, to: T0 + 60_000, by: 'cpu', limit: 10 });
    // The first minute: a priming pass at 5 s, then 10 passes (10 s … 55 s) of 4 CPU-seconds each.
    expect(first.apps.map((a) => [a.app, a.cpuSeconds])).toEqual([['busy', 40]]);
    expect(first.coveredMs).toBe(50_000);
    const now = await engine.topProcesses({ from: T0 + 60_000, to: T0 + 120_000, by: 'memory', limit: 10 });
    expect(now.apps.map((a) => [a.app, a.peakRssBytes])).toEqual([
      ['idle', 80 * MiB],
      ['busy', 50 * MiB],
    ]);
  });

  it('fires a not-running rule when the process is gone for `for`, and recovers when it is back', async () => {
    const rule = { name: 'nginx down', kind: 'process', app: 'nginx', condition: 'not-running', for: '10s' };
    const { table, alerts, sent, pass } = await open(parseSettings({ alerts: { rules: [rule] } }));
    const nginx = proc(700, 'nginx', {}, { kind: 'unit', name: 'nginx.service' });
    table.processes = [nginx, proc(1, 'systemd')];
    await pass();
    await pass();
    table.processes = [proc(1, 'systemd')];
    await pass(); // gone: pending
    await pass(); // 5 s
    expect(alerts.map((a) => a.kind)).toEqual(['pending']);
    await pass(); // 10 s: firing
    table.processes = [nginx, { ...nginx, pid: 701 }, proc(1, 'systemd')];
    await pass();
    expect(alerts.map((a) => [a.kind, a.series, a.severity])).toEqual([
      ['pending', 'process.count[nginx]', 'critical'],
      ['firing', 'process.count[nginx]', 'critical'],
      ['resolved', 'process.count[nginx]', 'critical'],
    ]);
    expect(sent.map((n) => n.event.text)).toEqual([
      'nginx down is critical: nothing matching nginx is running for 10s',
      'nginx down recovered: 2 processes matching nginx running again',
    ]);
  });

  it('fires a CPU rule on a command-line pattern, summed over the matching processes', async () => {
    const rule = {
      name: 'Runaway backup',
      kind: 'process',
      command: 'backup\\.sh',
      condition: 'cpu-above',
      warning: 80,
      critical: 150,
      for: '5s',
    };
    const { table, alerts, pass } = await open(parseSettings({ alerts: { rules: [rule] } }));
    const backup = (pid: number, cpuCs: number) =>
      proc(pid, 'bash', { cpuCs, command: '/bin/bash /usr/local/bin/backup.sh --daily' });
    table.processes = [backup(50, 300), backup(51, 300), proc(60, 'backupd', { cpuCs: 500 })];
    await pass();
    await pass(); // 120 % of a core: pending warning
    await pass(); // held 5 s: firing warning
    table.processes = [backup(50, 500), backup(51, 400)];
    await pass(); // 180 %: critical (pending for the critical level)
    await pass(); // escalated
    expect(alerts.map((a) => `${a.kind} ${a.severity} ${a.value}`)).toEqual([
      'pending warning 120',
      'firing warning 120',
      'escalated critical 180',
    ]);
    expect(alerts[1]!.text).toBe(
      'Runaway backup is warning: command /backup\\.sh/ at 120.0 % CPU (above 80.0 %) for 5s',
    );
  });

  it('refuses a process rule while process sampling is off, and saying how to fix it', async () => {
    const { engine } = await open();
    await engine.saveRule(
      (await import('../../../shared/alert-rules.js')).parseRule({
        name: 'db up',
        kind: 'process',
        app: 'postgres',
        condition: 'not-running',
      }),
    );
    await expect(engine.updateSettings({ processes: { enabled: false } })).rejects.toThrow(
      'invalid settings: alerts.rules.0: rule "db-up" watches processes, but process sampling is off: set processes.enabled to true, or disable the rule',
    );
    await expect(engine.updateSettings({ processes: { enabled: false } })).rejects.toBeInstanceOf(SettingsError);
  });

  it('skips passes while sampling is paused, and primes again after', async () => {
    // Fake timers: the engine starts, but nothing runs on its own schedule during the test.
    vi.useFakeTimers({ now: T0 });
    const { engine, table, live, pass } = await open(mergeSettings(parseSettings({}), { alerts: { rules: [] } }));
    await engine.start();
    table.processes = [proc(10, 'busy', { cpuCs: 400 })];
    await pass();
    await pass();
    await engine.pause();
    const passes = table.passes;
    await pass();
    expect(table.passes).toBe(passes);
    await engine.resume();
    await pass();
    expect(live).toHaveLength(1); // the pass after the pause only primed
    await pass();
    expect(live).toHaveLength(2);
  });
});
