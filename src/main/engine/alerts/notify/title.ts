/**
 * Turns an alert transition into the channel-neutral notification every channel sends.
 *
 * @example
 * dispatcher.dispatch(notificationFor(event, os.hostname()));
 */
import type { AlertEvent } from '../../../../shared/alerts.js';
import type { Notification, Urgency } from './notifier.js';

/**
 * Builds the title ("CPU busy: critical", "CPU busy: recovered", "Test: CPU busy"), takes the body
 * from `event.text`, and maps severity to desktop urgency.
 *
 * @example
 * notificationFor(event, 'build-box').title // 'CPU busy: critical'
 */
export function notificationFor(event: AlertEvent, host: string, test = false): Notification {
  return { event, title: titleFor(event, test), body: event.text, urgency: urgencyFor(event, test), test, host };
}

function titleFor(event: AlertEvent, test: boolean): string {
  if (test) return `Test: ${event.ruleName}`;
  if (event.kind === 'resolved') return `${event.ruleName}: recovered`;
  if (event.kind === 'cancelled') return `${event.ruleName}: cancelled`;
  // A severity-less transition should not happen for notified kinds; the kind still says something useful.
  return `${event.ruleName}: ${event.severity ?? event.kind}`;
}

function urgencyFor(event: AlertEvent, test: boolean): Urgency {
  // A recovery or a test is good news or no news: it should never pop up as urgent.
  if (test || event.kind === 'resolved' || event.kind === 'cancelled') return 'low';
  if (event.severity === 'critical') return 'critical';
  if (event.severity === 'warning') return 'normal';
  return 'low';
}
