/**
 * What `dashlight run` prints on its terminal for an alert transition: one line with the local
 * time, the notification's own sentence, and why it was not notified when it was held back.
 * `pending` is left out: it is a condition still being timed, not an alert.
 *
 * @example
 * engine.on('alert', (event) => { const line = alertLine(event); if (line) io.out(line); });
 * // 2026-11-23 09:00:00  CPU busy is critical: cpu.total at 96.2 % (above 90.0 %) for 2m10s
 */
import type { AlertEvent, Suppression } from '../../../shared/alerts.js';
import { localTime } from '../format.js';

const WHY: Record<Suppression, string> = {
  'quiet-hours': 'quiet hours',
  snoozed: 'snoozed',
  cooldown: 'in its cooldown',
  acknowledged: 'acknowledged',
};

export function alertLine(event: AlertEvent): string | null {
  if (event.kind === 'pending') return null;
  const held = event.suppressed ? ` (not notified: ${WHY[event.suppressed]})` : '';
  return `${localTime(event.at)}  ${event.text}${held}`;
}
