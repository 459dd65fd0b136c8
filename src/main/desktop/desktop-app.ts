/**
 * The running tray app: the engine joined to the tray, the dashboard window, the IPC transport,
 * desktop notifications and the OS's power and theme events. Created once the engine is open.
 *
 * @example
 * const desktop = new DesktopApp({ engine, platform: process.platform, window, log });
 * await desktop.start();
 * desktop.openDashboard('#/alerts/12');
 */
import { app, dialog, ipcMain, nativeTheme, Notification, powerMonitor, shell, type Menu } from 'electron';
import type { AlertEvent } from '../../shared/alerts.js';
import { writeProblemShort } from '../../shared/write-problem-text.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../engine/log/logger.js';
import { systemClock, type Clock } from '../engine/schedule/clock.js';
import { forwardEvents } from './ipc/event-forwarder.js';
import { withExportsIn } from './ipc/export-paths.js';
import { registerIpc } from './ipc/ipc-transport.js';
import { LiveSubscriptions } from './ipc/live-subscriptions.js';
import { trustedSenderCheck } from './ipc/trusted-sender.js';
import { DesktopNotifier } from './notify/desktop-notifier.js';
import { TrayController } from './tray/tray-controller.js';
import type { TrayAlert, TrayState } from './tray/tray-state.js';
import type { DashboardWindow } from './window/dashboard-window.js';

const DAY = 86_400_000;

export interface DesktopAppOptions {
  readonly engine: Engine;
  readonly platform: NodeJS.Platform;
  readonly window: DashboardWindow;
  readonly log: Logger;
  /** Called by the tray's Quit: flushes the engine and exits. */
  readonly quit: () => void;
  /** Stamps what the tray exports; the system clock unless a test holds its own. */
  readonly clock?: Clock;
}

export class DesktopApp {
  private tray: TrayController | null = null;
  private readonly alerts = new Map<string, TrayAlert>();
  private push: TrayState['push'] = 'none';
  private readonly stops: (() => void)[] = [];
  private refreshQueued = false;
  /** Kept from the engine's events, so a tick costs no query (status() stats the database file). */
  private values: TrayState['values'] = {};
  private sampling: TrayState['sampling'] = 'running';
  private metrics: TrayState['metrics'] = [];
  private writeProblem: TrayState['writeProblem'] = null;
  private icon: TrayState['icon'] = 'digits';
  private busiest: TrayState['busiest'] = [];

  constructor(private readonly options: DesktopAppOptions) {}

  async start(): Promise<void> {
    const { engine, window, platform, log } = this.options;
    const subscriptions = new LiveSubscriptions();
    this.stops.push(
      registerIpc({
        ipcMain,
        handlers: withExportsIn(engine, app.getPath('downloads')),
        isTrustedSender: trustedSenderCheck(window.rendererUrl()),
        log,
        subscriptions,
      }),
    );
    this.stops.push(forwardEvents(engine, () => window.current()?.webContents ?? null, log, subscriptions));
    engine.addNotifier(new DesktopNotifier({ onClick: (event) => this.openAlert(event) }));
    this.tray = new TrayController({
      platform,
      actions: {
        sampleNow: () =>
          void engine.sampleNow().catch((error: unknown) => log.warn({ err: error }, 'manual sample failed')),
        pauseSampling: () => void engine.pause(),
        resumeSampling: () => void engine.resume(),
        pausePush: () => void this.setPush(true),
        resumePush: () => void this.setPush(false),
        exportLast24h: () => void this.exportLast24h(),
        openDashboard: () => this.openDashboard(),
        openSettings: () => this.openDashboard('#/settings'),
        openAlert: (alert) =>
          this.openDashboard(alert.instanceId === null ? '#/alerts' : `#/alerts/${alert.instanceId}`),
        quit: () => this.options.quit(),
      },
    });
    this.stops.push(
      engine.on('sample', (sample) => {
        this.values = sample.values;
        this.refresh();
      }),
    );
    this.stops.push(
      engine.on('status', (status) => {
        // Status events follow commits, pause/resume and settings changes: the only times these change.
        this.sampling = status.state;
        this.writeProblem = status.writeProblem ? writeProblemShort(status.writeProblem) : null;
        void engine.getSettings().then((settings) => {
          this.metrics = settings.desktop.trayMetrics;
          this.icon = settings.desktop.trayIcon;
          this.refresh();
        });
      }),
    );
    this.stops.push(engine.on('alert', (event) => this.trackAlert(event)));
    this.stops.push(
      engine.on('processes', (live) => {
        this.busiest = live.apps.map(({ app, cpuPercent }) => ({ app, cpuPercent }));
        this.refresh();
      }),
    );
    // Some Linux desktops never send these; the engine's drift detection covers them.
    const suspend = () => engine.systemSleep('suspend');
    const resume = () => engine.systemSleep('resume');
    powerMonitor.on('suspend', suspend);
    powerMonitor.on('resume', resume);
    this.stops.push(
      () => powerMonitor.off('suspend', suspend),
      () => powerMonitor.off('resume', resume),
    );
    const theme = () => window.current()?.setBackgroundColor(nativeTheme.shouldUseDarkColors ? '#111418' : '#ffffff');
    nativeTheme.on('updated', theme);
    this.stops.push(() => nativeTheme.off('updated', theme));
    const [sample, status, settings] = await Promise.all([engine.latest(), engine.status(), engine.getSettings()]);
    this.values = sample?.values ?? {};
    this.sampling = status.state;
    this.metrics = settings.desktop.trayMetrics;
    this.icon = settings.desktop.trayIcon;
    this.push = await this.pushState();
    this.refresh();
  }

  /** Stops listening (the engine is stopped by the caller). */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.tray?.destroy();
    this.tray = null;
  }

  /** The tray's current context menu, or null before the tray exists or after stop(). */
  trayMenu(): Menu | null {
    return this.tray?.contextMenu ?? null;
  }

  openDashboard(route?: string): void {
    void this.options.window
      .open(route)
      .catch((error: unknown) => this.options.log.error({ err: error }, 'could not open the dashboard'));
  }

  /**
   * The tray state now: the newest sample, sampling and push state, the alerts firing. A sample,
   * a status and an alert in the same tick coalesce into one update.
   */
  private refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      this.refreshNow();
    });
  }

  private refreshNow(): void {
    if (!this.tray) return; // stopped: the engine may already be closed
    const severity = (a: TrayAlert) => (a.severity === 'critical' ? 0 : 1);
    this.tray.update({
      values: this.values,
      sampling: this.sampling,
      push: this.push,
      alerts: [...this.alerts.values()].sort((a, b) => severity(a) - severity(b)),
      metrics: this.metrics,
      writeProblem: this.writeProblem,
      busiest: this.busiest,
      icon: this.icon,
    });
  }

  private trackAlert(event: AlertEvent): void {
    const key = `${event.ruleId}|${event.series}`;
    if (event.kind === 'resolved' || event.kind === 'cancelled') this.alerts.delete(key);
    else if (event.kind !== 'pending')
      this.alerts.set(key, {
        instanceId: event.instanceId,
        ruleId: event.ruleId,
        ruleName: event.ruleName,
        series: event.series,
        severity: event.severity,
        value: event.value,
      });
    this.refresh();
  }

  private openAlert(event: AlertEvent): void {
    this.openDashboard(event.instanceId === null ? '#/alerts' : `#/alerts/${event.instanceId}`);
  }

  private async pushState(): Promise<TrayState['push']> {
    const { targets } = await this.options.engine.pushStatus();
    const enabled = targets.filter((t) => t.enabled);
    if (enabled.length === 0) return 'none';
    return enabled.every((t) => t.paused) ? 'paused' : 'running';
  }

  private async setPush(paused: boolean): Promise<void> {
    const { engine } = this.options;
    for (const target of (await engine.pushStatus()).targets.filter((t) => t.enabled)) {
      await (paused ? engine.pausePush({ target: target.name }) : engine.resumePush({ target: target.name }));
    }
    const [sample, status, settings] = await Promise.all([engine.latest(), engine.status(), engine.getSettings()]);
    this.values = sample?.values ?? {};
    this.sampling = status.state;
    this.metrics = settings.desktop.trayMetrics;
    this.icon = settings.desktop.trayIcon;
    this.push = await this.pushState();
    this.refresh();
  }

  /** Tray → "Export last 24 h…": a save dialog, then a CSV export, then where it went. */
  private async exportLast24h(): Promise<void> {
    const now = (this.options.clock ?? systemClock).wall();
    const choice = await dialog.showSaveDialog({
      title: 'Export the last 24 hours',
      defaultPath: `dashlight-${new Date(now).toISOString().slice(0, 10)}.csv`,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (choice.canceled || !choice.filePath) return;
    try {
      const result = await this.options.engine.export({
        format: 'csv',
        from: now - DAY,
        to: now,
        resolution: 'auto',
        metrics: null,
        path: choice.filePath,
      });
      const done = new Notification({
        title: 'Export saved',
        body: `${result.rows.toLocaleString()} rows → ${result.path}`,
      });
      done.on('click', () => shell.showItemInFolder(result.path));
      done.show();
    } catch (error) {
      dialog.showErrorBox('Export failed', (error as Error).message);
    }
  }
}
