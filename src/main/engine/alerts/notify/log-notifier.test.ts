import { describe, expect, it } from 'vitest';
import { LogNotifier } from './log-notifier.js';
import { alertEvent, memoryLogger } from './notify-test-support.js';
import { notificationFor } from './title.js';

describe('LogNotifier', () => {
  it('logs a critical firing at warn, with the alert fields and the body as the message', async () => {
    const { log, lines } = memoryLogger();
    const n = notificationFor(alertEvent(), 'build-box');
    await new LogNotifier(log).send(n);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: n.body,
      channel: 'log',
      kind: 'firing',
      test: false,
      ruleId: 'cpu-busy',
      series: 'cpu.total',
      severity: 'critical',
      value: 97.5,
      threshold: 95,
      heldMs: 125_400,
      topProcess: { name: 'node', pid: 4242 },
    });
  });

  it.each(['escalated', 'repeat', 'reminder'] as const)('logs a warning-severity %s at warn', async (kind) => {
    const { log, lines } = memoryLogger();
    await new LogNotifier(log).send(notificationFor(alertEvent({ kind, severity: 'warning' }), 'h'));
    expect(lines[0]?.level).toBe(40);
  });

  it('logs recoveries and tests at info', async () => {
    const { log, lines } = memoryLogger();
    const notifier = new LogNotifier(log);
    await notifier.send(notificationFor(alertEvent({ kind: 'resolved' }), 'h'));
    await notifier.send(notificationFor(alertEvent(), 'h', true));
    expect(lines.map((l) => [l.level, l.kind, l.test])).toEqual([
      [30, 'resolved', false],
      [30, 'firing', true],
    ]);
  });

  it('names the top process by memory for a memory series, and none when there are no processes', async () => {
    const { log, lines } = memoryLogger();
    const notifier = new LogNotifier(log);
    await notifier.send(notificationFor(alertEvent({ series: 'mem.percent' }), 'h'));
    await notifier.send(notificationFor(alertEvent({ topProcesses: null }), 'h'));
    expect(lines[0]?.topProcess).toEqual({ name: 'chrome', pid: 77 });
    expect(lines[1]?.topProcess).toBeNull();
  });
});
