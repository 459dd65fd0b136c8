import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import type { Notification, Notifier } from './notifier.js';
import { alertEvent, deferred, memoryLogger, startServer, type TestServer } from './notify-test-support.js';
import { notificationFor } from './title.js';
import { WebhookNotifier } from './webhook-notifier.js';

const note = (kind: 'firing' | 'resolved' | 'repeat', value = 97.5): Notification =>
  notificationFor(alertEvent({ kind, value }), 'h');

/** A channel that records what it was given; `gate` (if set) holds each send until released. */
function recorder(channel: string, gate?: () => Promise<void>) {
  const sent: Notification[] = [];
  let closed = 0;
  const notifier: Notifier = {
    channel,
    send: async (n) => {
      sent.push(n);
      await gate?.();
    },
    close: async () => void closed++,
  };
  return { notifier, sent, closed: () => closed };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('NotificationDispatcher', () => {
  it('returns from dispatch synchronously, before any channel is called', async () => {
    const log = recorder('log');
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [log.notifier]);
    expect(dispatcher.dispatch(note('firing'))).toBeUndefined();
    expect(log.sent).toHaveLength(0);
    await flush();
    expect(log.sent).toHaveLength(1);
  });

  it('keeps a real webhook channel in order while its first send is retrying', async () => {
    // The first two POSTs fail: the 'firing' is retried, and the 'resolved' must wait behind it.
    server = await startServer((_req, res, i) => (i < 2 ? res.writeHead(503).end() : res.end('ok')));
    const received = () => server?.requests.map((r) => (JSON.parse(r.body) as { kind: string }).kind);
    const webhook = new WebhookNotifier(
      { url: `${server.url}/hook`, token: 't0ken', timeout: 5000, attempts: 4, enabled: true },
      { log: silentLogger(), sleep: async () => {} },
    );
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [webhook]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    await expect.poll(received).toHaveLength(4);
    expect(received()).toEqual(['firing', 'firing', 'firing', 'resolved']);
    await dispatcher.close();
  });

  it('delivers on one channel while another hangs', async () => {
    const hang = deferred();
    const stuck = recorder('desktop', () => hang.promise);
    const log = recorder('log');
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [stuck.notifier, log.notifier]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    await expect.poll(() => log.sent.map((n) => n.event.kind)).toEqual(['firing', 'resolved']);
    expect(stuck.sent.map((n) => n.event.kind)).toEqual(['firing']);
    hang.resolve();
    await expect.poll(() => stuck.sent).toHaveLength(2);
  });

  it('logs a failed send with the channel and message, and carries on with the next one', async () => {
    const { log, lines } = memoryLogger();
    let calls = 0;
    const flaky: Notifier = {
      channel: 'webhook',
      send: async () => {
        if (++calls === 1) throw new Error('Webhook to h/x failed after 1 attempt: HTTP 400.');
      },
    };
    const dispatcher = new NotificationDispatcher({ log }, [flaky]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    await expect.poll(() => calls).toBe(2);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ channel: 'webhook', kind: 'firing', err: expect.stringContaining('HTTP 400') });
  });

  it('drops the oldest queued notifications when a channel queue overflows, with a warning', async () => {
    const { log, lines } = memoryLogger();
    const release = deferred();
    const slow = recorder('webhook', () => release.promise);
    const dispatcher = new NotificationDispatcher({ log, queueLimit: 3 }, [slow.notifier]);
    dispatcher.dispatch(note('firing', 1));
    await flush(); // value 1 is now in flight, not queued
    for (const value of [2, 3, 4, 5, 6]) dispatcher.dispatch(note('repeat', value));
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((w) => [w.channel, w.dropped, w.droppedTotal])).toEqual([
      ['webhook', 1, 1],
      ['webhook', 1, 2],
    ]);
    release.resolve();
    await expect.poll(() => slow.sent.map((n) => n.event.value)).toEqual([1, 4, 5, 6]);
  });

  it('tests every channel concurrently and reports each outcome', async () => {
    const hang = deferred();
    const ok = recorder('log');
    const failing: Notifier = {
      channel: 'webhook',
      send: async () => {
        throw new Error('connection refused');
      },
    };
    const stuck = recorder('desktop', () => hang.promise);
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [ok.notifier, failing, stuck.notifier]);
    const results = await dispatcher.test(notificationFor(alertEvent(), 'h', true), 200);
    expect(results).toEqual([
      { channel: 'log', ok: true, detail: 'delivered' },
      { channel: 'webhook', ok: false, detail: 'connection refused' },
      { channel: 'desktop', ok: false, detail: 'no answer within 200 ms' },
    ]);
    hang.resolve();
  });

  it('on close, waits for the queues to drain, then closes the channels', async () => {
    const release = deferred();
    const slow = recorder('webhook', () => release.promise);
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [slow.notifier]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    let done = false;
    const closing = dispatcher.close(10_000).then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    expect(slow.closed()).toBe(0);
    release.resolve();
    await closing;
    expect(slow.sent.map((n) => n.event.kind)).toEqual(['firing', 'resolved']);
    expect(slow.closed()).toBe(1);
  });

  it('on close, gives up after the timeout, logs what was abandoned, and still closes the channels', async () => {
    const { log, lines } = memoryLogger();
    const stuck = recorder('desktop', () => new Promise(() => {}));
    const dispatcher = new NotificationDispatcher({ log }, [stuck.notifier]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    dispatcher.dispatch(note('firing'));
    await dispatcher.close(50);
    expect(lines.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ channel: 'desktop', abandoned: 3, msg: expect.stringMatching(/abandoned/) }),
    ]);
    expect(stuck.closed()).toBe(1);
    expect(dispatcher.channels).toEqual([]);
  });

  it('replaces a channel of the same name, handing it the queue and closing the old one', async () => {
    const release = deferred();
    const first = recorder('webhook', () => release.promise);
    const second = recorder('webhook');
    const dispatcher = new NotificationDispatcher({ log: silentLogger() }, [first.notifier, recorder('log').notifier]);
    dispatcher.dispatch(note('firing'));
    dispatcher.dispatch(note('resolved'));
    await flush();
    dispatcher.add(second.notifier);
    expect(dispatcher.channels).toEqual(['webhook', 'log']);
    release.resolve();
    await expect.poll(() => second.sent.map((n) => n.event.kind)).toEqual(['resolved']);
    expect(first.closed()).toBe(1);
    expect(dispatcher.remove('log')).toBe(true);
    expect(dispatcher.remove('log')).toBe(false);
    expect(dispatcher.channels).toEqual(['webhook']);
  });
});
