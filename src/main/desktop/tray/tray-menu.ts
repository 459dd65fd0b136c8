/**
 * The tray's quick-glance menu as plain data, structurally compatible with Electron's
 * MenuItemConstructorOptions, so it is built and tested without Electron.
 *
 * @example
 * Menu.buildFromTemplate(trayMenuTemplate(state, actions));
 */
import { parseSeriesKey } from '../../../shared/metrics.js';
import { formatValue } from '../../../shared/units.js';
import type { TrayAlert, TrayState } from './tray-state.js';
import { busiestDisk, bySeverity, valueOf } from './tray-values.js';

export interface MenuItemSpec {
  readonly id: string;
  readonly type: 'normal' | 'separator' | 'checkbox';
  readonly label?: string;
  readonly enabled?: boolean;
  readonly visible?: boolean;
  readonly checked?: boolean;
  readonly accelerator?: string;
  readonly click?: () => void;
}

export interface TrayActions {
  openAlert(alert: TrayAlert): void;
  sampleNow(): void;
  pauseSampling(): void;
  resumeSampling(): void;
  pausePush(): void;
  resumePush(): void;
  exportLast24h(): void;
  openDashboard(): void;
  openSettings(): void;
  quit(): void;
}

/** More than this many firing alerts collapse into a "+N more" line: the menu must stay a glance. */
export const MAX_MENU_ALERTS = 5;

/** The busiest apps listed by CPU now. */
export const MENU_BUSIEST = 3;

const info = (id: string, label: string): MenuItemSpec => ({ id, type: 'normal', label, enabled: false });
const separator = (id: string): MenuItemSpec => ({ id, type: 'separator' });
const action = (id: string, label: string, click: () => void, visible = true): MenuItemSpec => ({
  id,
  type: 'normal',
  label,
  enabled: true,
  visible,
  click,
});

function show(values: TrayState['values'], key: string): string {
  const v = valueOf(values, key);
  return v === undefined ? '—' : formatValue(key, v);
}

function memoryLabel(values: TrayState['values']): string {
  const used = valueOf(values, 'mem.used');
  const total = valueOf(values, 'mem.total');
  const detail =
    used !== undefined && total !== undefined
      ? ` (${formatValue('mem.used', used)} of ${formatValue('mem.total', total)})`
      : '';
  return `Memory ${show(values, 'mem.percent')}${detail}`;
}

function diskLabel(values: TrayState['values']): string {
  const disk = busiestDisk(values);
  if (!disk) return 'Disk —';
  return `Disk ${disk.mount === undefined ? '' : `${disk.mount} `}${formatValue('fs.used_pct', disk.value)}`;
}

/** `⚠ CPU busy — critical`, with the entity for per-entity series: `⚠ Disk full (/home) — warning`. */
export function alertLabel(alert: TrayAlert): string {
  const { entity } = parseSeriesKey(alert.series);
  const name = entity === undefined ? alert.ruleName : `${alert.ruleName} (${entity})`;
  return alert.severity ? `⚠ ${name} — ${alert.severity}` : `⚠ ${name}`;
}

/**
 * "Busiest now" and the top apps by CPU, rounded to whole percent of a core; hidden (not removed,
 * so ids stay put) while there is no process list.
 */
function busiestItems(state: TrayState): MenuItemSpec[] {
  const apps = [...(state.busiest ?? [])]
    .filter((a) => a.cpuPercent > 0)
    .sort((a, b) => b.cpuPercent - a.cpuPercent)
    .slice(0, MENU_BUSIEST);
  const shown = apps.length > 0;
  return [
    { ...separator('sep.busiest'), visible: shown },
    { ...info('busiest', 'Busiest now'), visible: shown },
    ...Array.from({ length: MENU_BUSIEST }, (_, i) => {
      const app = apps[i];
      const label = app ? `   ${app.app} — ${Math.round(app.cpuPercent)} % CPU` : '';
      return { ...info(`busiest.${i}`, label), visible: app !== undefined };
    }),
  ];
}

function alertItems(state: TrayState, actions: TrayActions): MenuItemSpec[] {
  if (state.alerts.length === 0) return [info('alerts.none', 'No alerts firing')];
  const sorted = bySeverity(state.alerts);
  const items = sorted
    .slice(0, MAX_MENU_ALERTS)
    .map((alert, i) => action(`alert.${i}`, alertLabel(alert), () => actions.openAlert(alert)));
  const rest = sorted.length - MAX_MENU_ALERTS;
  if (rest > 0) items.push(info('alerts.more', `+${rest} more`));
  return items;
}

/**
 * The menu: readings (disabled), firing alerts (clickable), sampling/push controls, then app actions.
 *
 * @example
 * trayMenuTemplate(state, actions).find((i) => i.id === 'sampling')?.label // 'Pause sampling'
 */
export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemSpec[] {
  const { values } = state;
  const running = state.sampling === 'running';
  return [
    ...(state.writeProblem ? [info('info.write', `⚠ ${state.writeProblem}`), separator('sep.write')] : []),
    info('info.cpu', `CPU ${show(values, 'cpu.total')}`),
    info('info.memory', memoryLabel(values)),
    info('info.disk', diskLabel(values)),
    info('info.network', `Network ↓ ${show(values, 'net.rx')} ↑ ${show(values, 'net.tx')}`),
    ...busiestItems(state),
    separator('sep.alerts'),
    ...alertItems(state, actions),
    separator('sep.controls'),
    action('sample-now', 'Sample now', () => actions.sampleNow()),
    running
      ? action('sampling', 'Pause sampling', () => actions.pauseSampling())
      : action('sampling', 'Resume sampling', () => actions.resumeSampling()),
    // Kept but hidden when there is no push target, so item ids stay put across settings changes.
    state.push === 'paused'
      ? action('push', 'Resume push', () => actions.resumePush())
      : action('push', 'Pause push', () => actions.pausePush(), state.push !== 'none'),
    separator('sep.app'),
    action('export', 'Export last 24 h…', () => actions.exportLast24h()),
    action('dashboard', 'Open dashboard', () => actions.openDashboard()),
    action('settings', 'Settings…', () => actions.openSettings()),
    separator('sep.quit'),
    action('quit', 'Quit Dashlight', () => actions.quit()),
  ];
}

const noop = () => {};
const NO_ACTIONS: TrayActions = {
  openAlert: noop,
  sampleNow: noop,
  pauseSampling: noop,
  resumeSampling: noop,
  pausePush: noop,
  resumePush: noop,
  exportLast24h: noop,
  openDashboard: noop,
  openSettings: noop,
  quit: noop,
};

/**
 * A key that changes exactly when the menu's visible content does (ids, types, labels, enabled,
 * visible, checked): built from the template itself, so it cannot drift from what is shown. The alerts'
 * instance ids are in it too: a menu kept across a new firing of the same rule would open the old instance.
 *
 * @example
 * if (menuKey(state) !== lastKey) tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, actions)));
 */
export function menuKey(state: TrayState): string {
  const items = trayMenuTemplate(state, NO_ACTIONS).map((i) => [
    i.id,
    i.type,
    i.label,
    i.enabled,
    i.visible,
    i.checked,
  ]);
  const instances = bySeverity(state.alerts)
    .slice(0, MAX_MENU_ALERTS)
    .map((a) => a.instanceId);
  return JSON.stringify([items, instances]);
}
