/**
 * Fans notifications out to the channels without ever making the sampling tick wait. Each channel
 * has its own FIFO queue and worker, so one channel's notifications arrive in order (a 'resolved'
 * never overtakes its 'firing', even while that is being retried) and a slow channel never holds
 * up another.
 *
 * @example
 * const dispatcher = new NotificationDispatcher({ log }, [new LogNotifier(log)]);
 * engine.on('alert', (e) => { if (e.notified) dispatcher.dispatch(notificationFor(e, host)); });
 */
import type { Logger } from '../../log/logger.js';
import type { Notification, Notifier } from './notifier.js';

export interface DispatcherOptions {
  readonly log: Logger;
  /** Most notifications waiting per channel; beyond it the oldest are dropped. Default 100. */
  readonly queueLimit?: number;
}

/** One channel's answer to `test`, the shape of `RuleTestResult.channels`. */
export interface ChannelTestResult {
  readonly channel: string;
  readonly ok: boolean;
  /** 'delivered', or the channel's error message. */
  readonly detail: string;
}

interface Lane {
  notifier: Notifier;
  readonly queue: Notification[];
  /** A worker is scheduled or sending. */
  running: boolean;
  inFlight: boolean;
  removed: boolean;
  dropped: number;
  readonly idle: (() => void)[];
}

/**
 * Per-channel queues in front of the notifiers. Failures are logged, never thrown.
 *
 * @example
 * dispatcher.dispatch(n);                   // returns at once
 * await dispatcher.test(n);                 // [{ channel: 'log', ok: true, detail: 'delivered' }, …]
 * await dispatcher.close(5000);             // on shutdown
 */
export class NotificationDispatcher {
  private readonly lanes = new Map<string, Lane>();
  private readonly log: Logger;
  private readonly queueLimit: number;
  private closed = false;

  constructor(options: DispatcherOptions, notifiers: readonly Notifier[] = []) {
    this.log = options.log;
    this.queueLimit = Math.max(1, options.queueLimit ?? 100);
    for (const notifier of notifiers) this.add(notifier);
  }

  get channels(): readonly string[] {
    return [...this.lanes.keys()];
  }

  /**
   * Adds a channel. A notifier for a channel that already exists replaces it and inherits its
   * queue, so a corrected webhook URL gets the notifications still waiting; the old one is closed.
   */
  add(notifier: Notifier): void {
    const lane = this.lanes.get(notifier.channel);
    if (!lane) {
      this.lanes.set(notifier.channel, {
        notifier,
        queue: [],
        running: false,
        inFlight: false,
        removed: false,
        dropped: 0,
        idle: [],
      });
      return;
    }
    const old = lane.notifier;
    lane.notifier = notifier;
    if (old !== notifier) void this.closeNotifier(old);
  }

  /** Removes a channel, dropping what it still had queued, and closes its notifier. False if unknown. */
  remove(channel: string): boolean {
    const lane = this.lanes.get(channel);
    if (!lane) return false;
    this.lanes.delete(channel);
    this.retire(lane, 'channel removed');
    void this.closeNotifier(lane.notifier);
    return true;
  }

  /** Queues `n` on every channel and returns at once; sending happens later, in order per channel. */
  dispatch(n: Notification): void {
    if (this.closed) {
      this.log.warn({ ruleId: n.event.ruleId, kind: n.event.kind }, 'notification after shutdown; not sent');
      return;
    }
    for (const [channel, lane] of this.lanes) {
      lane.queue.push(n);
      if (lane.queue.length > this.queueLimit) {
        const dropped = lane.queue.splice(0, lane.queue.length - this.queueLimit).length;
        lane.dropped += dropped;
        this.log.warn(
          { channel, dropped, droppedTotal: lane.dropped, queueLimit: this.queueLimit },
          `notification queue for ${channel} is full (the channel is slow or down); dropped the oldest`,
        );
      }
      if (!lane.running) {
        lane.running = true;
        // Deferred, so even a notifier that does synchronous work in send() cannot block the caller.
        queueMicrotask(() => void this.work(channel, lane));
      }
    }
  }

  /**
   * Sends `n` to every channel at once, bypassing the queues (a test should not wait behind a
   * backlog), and reports each outcome. A channel still busy after `timeoutMs` is reported as
   * failed; its send carries on in the background.
   */
  async test(n: Notification, timeoutMs = 30_000): Promise<ChannelTestResult[]> {
    const lanes = [...this.lanes.entries()];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<string>(
      (resolve) => (timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs)),
    );
    try {
      return await Promise.all(
        lanes.map(async ([channel, lane]): Promise<ChannelTestResult> => {
          const sent = Promise.resolve()
            .then(() => lane.notifier.send(n))
            .then(
              () => null,
              (error: unknown) => messageOf(error),
            );
          const failure = await Promise.race([sent, late]);
          return failure === null
            ? { channel, ok: true, detail: 'delivered' }
            : { channel, ok: false, detail: failure };
        }),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops taking notifications, waits up to `timeoutMs` for the queues to empty, logs what was
   * abandoned, then closes every notifier.
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.closed = true;
    const lanes = [...this.lanes.entries()];
    const drained = Promise.all(
      lanes.map(([, lane]) => (lane.running ? new Promise<void>((resolve) => lane.idle.push(resolve)) : undefined)),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout')
      for (const [, lane] of lanes) this.retire(lane, `not delivered within ${timeoutMs} ms of shutdown`);
    this.lanes.clear();
    await Promise.all(lanes.map(([, lane]) => this.closeNotifier(lane.notifier)));
  }

  private async work(channel: string, lane: Lane): Promise<void> {
    for (let n = lane.queue.shift(); n && !lane.removed; n = lane.queue.shift()) {
      lane.inFlight = true;
      // Read each time: add() may have swapped the notifier while the previous send ran.
      const notifier = lane.notifier;
      try {
        await notifier.send(n);
      } catch (error) {
        // After shutdown or removal the loss was already logged as abandoned.
        const level = lane.removed ? 'debug' : 'warn';
        this.log[level](
          { channel, ruleId: n.event.ruleId, kind: n.event.kind, err: messageOf(error) },
          `notification not delivered by ${channel}`,
        );
      }
      lane.inFlight = false;
    }
    lane.running = false;
    for (const resolve of lane.idle.splice(0)) resolve();
  }

  /** Marks a lane dead and logs what it will never deliver. */
  private retire(lane: Lane, why: string): void {
    lane.removed = true;
    const abandoned = lane.queue.length + (lane.inFlight ? 1 : 0);
    lane.queue.length = 0;
    if (abandoned > 0) this.log.warn({ channel: lane.notifier.channel, abandoned }, `notifications abandoned: ${why}`);
  }

  private async closeNotifier(notifier: Notifier): Promise<void> {
    try {
      await notifier.close?.();
    } catch (error) {
      this.log.warn({ channel: notifier.channel, err: messageOf(error) }, 'closing a notification channel failed');
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
