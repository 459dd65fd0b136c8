import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../shared/alerts.js';
import { alertLine } from './alert-line.js';

// Local times print in the process's zone: pin it, so the expected lines are literal.
process.env.TZ = 'UTC';

const AT = Date.UTC(2026, 10, 23, 9, 0, 0);

function event(over: Partial<AlertEvent>): AlertEvent {
  return {
    kind: 'firing',
    ruleId: 'cpu-high',
    ruleName: 'CPU busy',
    series: 'cpu.total',
    severity: 'critical',
    value: 96.2,
    threshold: 90,
    at: AT,
    since: AT - 130_000,
    heldMs: 130_000,
    notified: true,
    suppressed: null,
    instanceId: 7,
    topProcesses: null,
    text: 'CPU busy is critical: cpu.total at 96.2 % (above 90.0 %) for 2m10s',
    ...over,
  };
}

describe('alertLine', () => {
  it('prints the local time and the notification sentence', () => {
    expect(alertLine(event({}))).toBe(
      '2026-11-23 09:00:00  CPU busy is critical: cpu.total at 96.2 % (above 90.0 %) for 2m10s',
    );
  });

  it('says why a transition was held back', () => {
    expect(alertLine(event({ notified: false, suppressed: 'quiet-hours' }))).toBe(
      '2026-11-23 09:00:00  CPU busy is critical: cpu.total at 96.2 % (above 90.0 %) for 2m10s (not notified: quiet hours)',
    );
    expect(alertLine(event({ notified: false, suppressed: 'cooldown' }))).toMatch(/\(not notified: in its cooldown\)$/);
  });

  it('prints recoveries, and leaves out a condition that is still being timed', () => {
    expect(
      alertLine(event({ kind: 'resolved', text: 'CPU busy recovered: cpu.total at 40.0 % (back past 85.5 %)' })),
    ).toBe('2026-11-23 09:00:00  CPU busy recovered: cpu.total at 40.0 % (back past 85.5 %)');
    expect(alertLine(event({ kind: 'pending', instanceId: null }))).toBeNull();
  });
});
