/**
 * Which series each window's `sample` events carry (src/shared/live-subscription.ts), kept by the
 * window's webContents: set on `SUBSCRIBE_CHANNEL` by registerIpc, read by forwardEvents. A window
 * that never subscribed gets every series; a closed one is forgotten with its webContents.
 *
 * @example
 * const subscriptions = new LiveSubscriptions();
 * registerIpc({ ipcMain, handlers, isTrustedSender, subscriptions });
 * forwardEvents(engine, () => visibleWebContents(window), log, subscriptions);
 */
import type { SampleSubscription } from '../../../shared/live-subscription.js';

export class LiveSubscriptions {
  private readonly byContents = new WeakMap<object, SampleSubscription>();

  set(contents: object, subscription: SampleSubscription): void {
    this.byContents.set(contents, subscription);
  }

  get(contents: object): SampleSubscription | null {
    return this.byContents.get(contents) ?? null;
  }
}
