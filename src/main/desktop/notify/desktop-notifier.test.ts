import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertEvent } from '../../../shared/alerts.js';
import type { Notification, Urgency } from '../../engine/alerts/notify/notifier.js';
import { fake, FakeNotification } from '../test-support/fake-electron.js';
import { alertRoute, DesktopNotifier } from './desktop-notifier.js';

vi.mock('electron', async () => (await import('../test-support/fake-electron.js')).electron);

const event = (instanceId: number | null = 42) =>
  ({ instanceId, ruleId: 'cpu-busy', text: 'CPU 97% for 5m' }) as AlertEvent;
const notification = (urgency: Urgency, overrides: Partial<Notification> = {}): Notification => ({
  event: event(),
  title: 'CPU busy: critical',
  body: 'CPU 97% ≥ 90% for 5m; top: node (80%)',
  urgency,
  test: false,
  host: 'box',
  ...overrides,
});

describe('DesktopNotifier', () => {
  beforeEach(() => fake.reset());

  it('is the desktop channel and shows the title and body', async () => {
    const notifier = new DesktopNotifier();
    expect(notifier.channel).toBe('desktop');
    await notifier.send(notification('normal'));
    expect(fake.notifications).toHaveLength(1);
    expect(fake.notifications[0]!.shown).toBe(true);
    expect(fake.notifications[0]!.options).toMatchObject({
      title: 'CPU busy: critical',
      body: 'CPU 97% ≥ 90% for 5m; top: node (80%)',
    });
  });

  it.each([
    ['critical', { urgency: 'critical', timeoutType: 'never', silent: false }],
    ['normal', { urgency: 'normal', timeoutType: 'default', silent: false }],
    ['low', { urgency: 'low', timeoutType: 'default', silent: true }],
  ] as const)('maps urgency %s', async (urgency, expected) => {
    await new DesktopNotifier().send(notification(urgency));
    expect(fake.notifications[0]!.options).toMatchObject(expected);
  });

  it('marks a test notification', async () => {
    await new DesktopNotifier().send(notification('normal', { test: true }));
    expect(fake.notifications[0]!.options.title).toBe('CPU busy: critical (test)');
  });

  it('calls onClick with the alert event when the toast is clicked', async () => {
    const onClick = vi.fn();
    const sent = notification('critical');
    await new DesktopNotifier({ onClick }).send(sent);
    expect(onClick).not.toHaveBeenCalled();
    fake.notifications[0]!.fire('click');
    expect(onClick).toHaveBeenCalledWith(sent.event);
    expect(alertRoute(sent.event)).toBe('#/alerts/42');
    expect(alertRoute(event(null))).toBe('#/alerts');
  });

  it('rejects with a clear error when notifications are not supported', async () => {
    FakeNotification.supported = false;
    await expect(new DesktopNotifier().send(notification('normal'))).rejects.toThrow(/not supported.*webhook or log/);
    expect(fake.notifications).toHaveLength(0);
  });
});
