/**
 * A notification channel. The engine ships the log and webhook channels; the desktop shell plugs
 * in Electron notifications through the same interface (the engine never imports electron).
 *
 * @example
 * const desktop: Notifier = { channel: 'desktop', send: async (n) => showToast(n.title, n.body) };
 */
import type { AlertEvent } from '../../../../shared/alerts.js';

export type Urgency = 'low' | 'normal' | 'critical';

export interface Notification {
  readonly event: AlertEvent;
  /** e.g. "CPU busy: critical" or "CPU busy: recovered". */
  readonly title: string;
  /** event.text: rule, value, threshold, how long, top process. */
  readonly body: string;
  readonly urgency: Urgency;
  /** Sent by `testRule`: a test, not a real alert. */
  readonly test: boolean;
  readonly host: string;
}

export interface Notifier {
  /** Short channel name shown in test results and logs: 'log', 'webhook', 'desktop'. */
  readonly channel: string;
  /** Resolves once delivered; rejects with an Error that says what failed and what to do. */
  send(notification: Notification): Promise<void>;
  close?(): Promise<void>;
}
