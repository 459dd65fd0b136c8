import { describe, expect, it, vi } from 'vitest';
import type { TrayAlert, TrayState } from './tray-state.js';
import { menuKey, type MenuItemSpec, type TrayActions, trayMenuTemplate } from './tray-menu.js';

const idle: TrayState = { values: {}, sampling: 'running', push: 'running', alerts: [], metrics: ['cpu.total'] };
const GiB = 2 ** 30;
const busyValues = {
  'cpu.total': 93.44,
  'mem.percent': 61.2,
  'mem.used': 9.8 * GiB,
  'mem.total': 16 * GiB,
  'fs.used_pct[/]': 40,
  'fs.used_pct[/home]': 91,
  'disk.used_pct': 60,
  'net.rx': 1_234_567,
  'net.tx': 80_000,
};
const alert = (
  n: number,
  severity: TrayAlert['severity'],
  ruleName = `Rule ${n}`,
  series = 'cpu.total',
): TrayAlert => ({
  instanceId: n,
  ruleId: `r${n}`,
  ruleName,
  series,
  severity,
  value: 1,
});

function actions(): TrayActions & Record<keyof TrayActions, ReturnType<typeof vi.fn>> {
  const names = [
    'openAlert',
    'sampleNow',
    'pauseSampling',
    'resumeSampling',
    'pausePush',
    'resumePush',
    'exportLast24h',
    'openDashboard',
    'openSettings',
    'quit',
  ] as const;
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as never;
}
const labels = (menu: MenuItemSpec[]) => menu.filter((i) => i.visible !== false).map((i) => i.label ?? '---');
const item = (menu: MenuItemSpec[], id: string) => menu.find((i) => i.id === id)!;

describe('trayMenuTemplate', () => {
  it('puts "not saving samples" above everything while commits fail', () => {
    const menu = trayMenuTemplate({ ...idle, writeProblem: 'Not saving samples: the disk is full' }, actions());
    expect(labels(menu).slice(0, 3)).toEqual(['⚠ Not saving samples: the disk is full', '---', 'CPU —']);
    expect(item(menu, 'info.write').enabled).toBe(false);
  });

  it('shows dashes and no alerts before the first sample', () => {
    const menu = trayMenuTemplate(idle, actions());
    expect(labels(menu)).toEqual([
      'CPU —',
      'Memory —',
      'Disk —',
      'Network ↓ — ↑ —',
      '---',
      'No alerts firing',
      '---',
      'Sample now',
      'Pause sampling',
      'Pause push',
      '---',
      'Export last 24 h…',
      'Open dashboard',
      'Settings…',
      '---',
      'Quit Dashlight',
    ]);
    for (const id of ['info.cpu', 'info.memory', 'info.disk', 'info.network', 'alerts.none']) {
      expect(item(menu, id)).toMatchObject({ enabled: false });
      expect(item(menu, id).click).toBeUndefined();
    }
    for (const i of menu) expect(['normal', 'separator']).toContain(i.type);
  });

  it('lists the three busiest apps by CPU now, and nothing without a process list', () => {
    const busiest = [
      { app: 'sshd', cpuPercent: 0 },
      { app: 'firefox', cpuPercent: 38.4 },
      { app: 'node', cpuPercent: 151.6 },
      { app: 'Xorg', cpuPercent: 4.2 },
      { app: 'pipewire', cpuPercent: 1.1 },
    ];
    const menu = trayMenuTemplate({ ...idle, busiest }, actions());
    expect(labels(menu).slice(3, 9)).toEqual([
      'Network ↓ — ↑ —',
      '---',
      'Busiest now',
      '   node — 152 % CPU',
      '   firefox — 38 % CPU',
      '   Xorg — 4 % CPU',
    ]);
    for (const id of ['busiest', 'busiest.0', 'busiest.1', 'busiest.2']) expect(item(menu, id).enabled).toBe(false);
    const quiet = trayMenuTemplate({ ...idle, busiest: [{ app: 'sshd', cpuPercent: 0 }] }, actions());
    expect(labels(quiet)).toEqual(labels(trayMenuTemplate(idle, actions())));
    // The same items either way (hidden, not removed), so the menu's ids never move.
    expect(quiet.map((i) => i.id)).toEqual(menu.map((i) => i.id));
  });

  it('shows readings with units and the alerts, most severe first, capped at 5', () => {
    const a = actions();
    const alerts = [
      alert(1, 'warning'),
      alert(2, 'critical', 'CPU busy'),
      alert(3, null),
      alert(4, 'warning', 'Disk full', 'fs.used_pct[/home]'),
      alert(5, 'warning'),
      alert(6, 'critical'),
    ];
    const menu = trayMenuTemplate({ ...idle, values: busyValues, alerts }, a);
    expect(labels(menu).slice(0, 12)).toEqual([
      'CPU 93.4 %',
      'Memory 61.2 % (9.8 GiB of 16.0 GiB)',
      'Disk /home 91.0 %',
      'Network ↓ 1.2 MiB/s ↑ 78.1 KiB/s',
      '---',
      '⚠ CPU busy — critical',
      '⚠ Rule 6 — critical',
      '⚠ Rule 1 — warning',
      '⚠ Disk full (/home) — warning',
      '⚠ Rule 5 — warning',
      '+1 more',
      '---',
    ]);
    expect(item(menu, 'alert.0').enabled).toBe(true);
    item(menu, 'alert.0').click!();
    expect(a.openAlert).toHaveBeenCalledWith(alerts[1]);
    item(menu, 'alert.3').click!();
    expect(a.openAlert).toHaveBeenLastCalledWith(alerts[3]);
    expect(item(menu, 'alerts.more').enabled).toBe(false);
  });

  it('wires every action to its handler', () => {
    const a = actions();
    const menu = trayMenuTemplate(idle, a);
    const wiring: Record<string, keyof TrayActions> = {
      'sample-now': 'sampleNow',
      sampling: 'pauseSampling',
      push: 'pausePush',
      export: 'exportLast24h',
      dashboard: 'openDashboard',
      settings: 'openSettings',
      quit: 'quit',
    };
    for (const [id, name] of Object.entries(wiring)) {
      item(menu, id).click!();
      expect(a[name]).toHaveBeenCalledTimes(1);
    }
    expect(a.resumeSampling).not.toHaveBeenCalled();
    expect(a.resumePush).not.toHaveBeenCalled();
  });

  it('offers resume when sampling or push is paused', () => {
    const a = actions();
    const menu = trayMenuTemplate({ ...idle, sampling: 'paused', push: 'paused' }, a);
    expect(item(menu, 'sampling').label).toBe('Resume sampling');
    expect(item(menu, 'push')).toMatchObject({ label: 'Resume push', visible: true, enabled: true });
    item(menu, 'sampling').click!();
    item(menu, 'push').click!();
    expect(a.resumeSampling).toHaveBeenCalledTimes(1);
    expect(a.resumePush).toHaveBeenCalledTimes(1);
    expect(a.pauseSampling).not.toHaveBeenCalled();
  });

  it('hides the push item when there is no push target', () => {
    const menu = trayMenuTemplate({ ...idle, push: 'none' }, actions());
    expect(item(menu, 'push').visible).toBe(false);
    expect(labels(menu)).not.toContain('Pause push');
  });

  it('falls back to disk.used_pct and omits memory detail without totals', () => {
    const menu = trayMenuTemplate({ ...idle, values: { 'disk.used_pct': 55, 'mem.percent': 10 } }, actions());
    expect(item(menu, 'info.disk').label).toBe('Disk 55.0 %');
    expect(item(menu, 'info.memory').label).toBe('Memory 10.0 %');
  });
});

describe('menuKey', () => {
  const busy: TrayState = { ...idle, values: busyValues, alerts: [alert(1, 'critical')] };
  it('stays put when nothing shown changes', () => {
    expect(menuKey(busy)).toBe(menuKey({ ...busy, values: { ...busyValues, 'cpu.total': 93.41, 'cpu.user': 50 } }));
    expect(menuKey(busy)).toBe(menuKey({ ...busy, metrics: ['mem.percent'] }));
    expect(menuKey(busy)).toBe(menuKey({ ...busy, values: { ...busyValues, 'fs.used_pct[/]': 41 } }));
    expect(menuKey(busy)).toBe(menuKey({ ...busy, alerts: [{ ...alert(1, 'critical'), value: 99 }] }));
    expect(menuKey({ ...idle, sampling: 'paused' })).toBe(menuKey({ ...idle, sampling: 'stopped' }));
  });

  it('changes when any label, enabled or visible flag changes', () => {
    const variants: TrayState[] = [
      busy,
      idle,
      { ...busy, values: { ...busyValues, 'cpu.total': 93.5 } },
      { ...busy, values: { ...busyValues, 'mem.used': 10 * GiB } },
      { ...busy, values: { ...busyValues, 'fs.used_pct[/]': 95 } },
      { ...busy, alerts: [] },
      { ...busy, alerts: [alert(1, 'warning')] },
      { ...busy, alerts: [alert(7, 'critical')] },
      { ...busy, sampling: 'paused' },
      { ...busy, push: 'paused' },
      { ...busy, push: 'none' },
    ];
    const keys = variants.map(menuKey);
    expect(new Set(keys).size).toBe(variants.length);
  });
});
