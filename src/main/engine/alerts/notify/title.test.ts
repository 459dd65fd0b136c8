import { describe, expect, it } from 'vitest';
import { alertEvent } from './notify-test-support.js';
import { notificationFor } from './title.js';

describe('notificationFor', () => {
  it('titles by severity, takes the body from the event text, and keeps event and host', () => {
    const event = alertEvent();
    const n = notificationFor(event, 'build-box');
    expect(n).toEqual({
      event,
      title: 'CPU busy: critical',
      body: event.text,
      urgency: 'critical',
      test: false,
      host: 'build-box',
    });
  });

  it.each([
    [{ kind: 'firing', severity: 'warning' }, false, 'CPU busy: warning', 'normal'],
    [{ kind: 'escalated', severity: 'critical' }, false, 'CPU busy: critical', 'critical'],
    [{ kind: 'resolved', severity: 'critical' }, false, 'CPU busy: recovered', 'low'],
    [{ kind: 'firing', severity: 'critical' }, true, 'Test: CPU busy', 'low'],
  ] as const)('%o (test %s) → %s, urgency %s', (overrides, test, title, urgency) => {
    const n = notificationFor(alertEvent(overrides), 'h', test);
    expect(n.title).toBe(title);
    expect(n.urgency).toBe(urgency);
    expect(n.test).toBe(test);
  });
});
