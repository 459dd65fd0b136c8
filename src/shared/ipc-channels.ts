/**
 * The IPC wire format of the contract: channel names (the result envelope, shared with HTTP, is
 * in contract-errors.ts). Main and the preload both derive channels from here, so the two ends
 * cannot drift apart; the renderer may use `DashlightBridge` as the type of `window.dashlight`.
 *
 * @example
 * ipcRenderer.invoke(invokeChannel('list'), { page: 2 }); // 'dashlight:invoke:list'
 * webContents.send(eventChannel('sample'), sample); // 'dashlight:event:sample'
 */
import type { DashlightApi, DashlightEvents, EventName, MethodName } from './contract.js';
import type { SampleSubscription } from './live-subscription.js';

/** The channel `ipcMain.handle` listens on for one method. */
export function invokeChannel(method: MethodName): `dashlight:invoke:${MethodName}` {
  return `dashlight:invoke:${method}`;
}

/** The channel main sends one event stream on. */
export function eventChannel(event: EventName): `dashlight:event:${EventName}` {
  return `dashlight:event:${event}`;
}

/** The channel a window narrows its `sample` events on (live-subscription.ts). */
export const SUBSCRIBE_CHANNEL = 'dashlight:subscribe';

/** Subscribes to one event stream; returns the matching unsubscribe. */
export type DashlightSubscribe = <K extends EventName>(
  event: K,
  listener: (payload: DashlightEvents[K]) => void,
) => () => void;

/** The shape of `window.dashlight` under Electron: the contract, events, and which transport it is. */
export type DashlightBridge = DashlightApi & {
  on: DashlightSubscribe;
  /** Which series this window's `sample` events carry (live-subscription.ts). */
  subscribe(subscription: SampleSubscription): Promise<void>;
  transport: 'ipc';
};
