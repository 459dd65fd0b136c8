/**
 * The 'desktop' notification channel: the engine's alert notifications as native toasts
 * (Electron `Notification`). Plugged into the engine through its `Notifier` interface, so the
 * engine never imports electron.
 *
 * @example
 * engine.addNotifier(new DesktopNotifier({ onClick: (event) => dashboard.open(alertRoute(event)) }));
 */
import { Notification as ElectronNotification, type NotificationConstructorOptions } from 'electron';
import type { AlertEvent } from '../../../shared/alerts.js';
import type { Notification, Notifier, Urgency } from '../../engine/alerts/notify/notifier.js';

export interface DesktopNotifierOptions {
  /** Called when the user clicks the toast; the shell opens the dashboard at that alert. */
  readonly onClick?: (event: AlertEvent) => void;
}

/** The dashboard route for an alert: its history entry, or the alert list for a pending one. */
export function alertRoute(event: AlertEvent): string {
  return event.instanceId === null ? '#/alerts' : `#/alerts/${event.instanceId}`;
}

/**
 * Toast options for one notification. `urgency` is read on Linux only; `timeoutType: 'never'`
 * keeps a critical alert on screen until it is seen (Linux and Windows); a low one is silent.
 */
export function notificationOptions(notification: Notification): NotificationConstructorOptions {
  const urgency: Urgency = notification.urgency;
  return {
    title: notification.test ? `${notification.title} (test)` : notification.title,
    body: notification.body,
    urgency,
    timeoutType: urgency === 'critical' ? 'never' : 'default',
    silent: urgency === 'low',
  };
}

export class DesktopNotifier implements Notifier {
  readonly channel = 'desktop';
  /** Shown toasts are kept referenced until closed: a collected Notification loses its click handler. */
  private readonly shown = new Set<ElectronNotification>();

  constructor(private readonly options: DesktopNotifierOptions = {}) {}

  async send(notification: Notification): Promise<void> {
    if (!ElectronNotification.isSupported()) {
      throw new Error(
        'desktop notifications are not supported on this system (no notification service is running); ' +
          'use the webhook or log channel instead',
      );
    }
    const toast = new ElectronNotification(notificationOptions(notification));
    this.shown.add(toast);
    const forget = () => this.shown.delete(toast);
    toast.on('click', () => {
      forget();
      this.options.onClick?.(notification.event);
    });
    toast.on('close', forget);
    toast.on('failed', forget);
    toast.show();
  }

  async close(): Promise<void> {
    this.shown.clear();
  }
}
