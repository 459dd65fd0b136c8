/**
 * Builds `window.dashlight` from an `ipcRenderer`: one named function per contract method, an `on`
 * for event streams, `subscribe` to narrow the sample stream, and nothing else. Channel names are fixed here, so the page can reach only
 * the contract, never an arbitrary channel, and never `ipcRenderer` itself.
 *
 * @example
 * const api = createDashlightApi(ipcRenderer);
 * const page = await api.list({ page: 2 });
 * const stop = api.on('sample', (sample) => draw(sample));
 */
import {
  EVENT_NAMES,
  METHOD_NAMES,
  type DashlightApi,
  type DashlightEvents,
  type EventName,
  type MethodName,
} from '../shared/contract.js';
import type { ContractResult } from '../shared/contract-errors.js';
import { SUBSCRIBE_CHANNEL, eventChannel, invokeChannel, type DashlightBridge } from '../shared/ipc-channels.js';
import type { SampleSubscription } from '../shared/live-subscription.js';
import { ipcFailure } from './ipc-failure.js';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the api uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createDashlightApi(ipcRenderer: IpcRendererLike): DashlightBridge {
  // Generated from the contract, so a new method reaches the page without touching this file.
  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, invoker(ipcRenderer, name)]),
  ) as unknown as DashlightApi;

  function on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void {
    // The page may pass anything; an unknown name would otherwise subscribe silently to nothing.
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const channel = eventChannel(event);
    // The page gets the payload only: the IpcRendererEvent carries `sender`, i.e. ipcRenderer.
    const wrapped: IpcListener = (_event, payload) => listener(payload as DashlightEvents[K]);
    ipcRenderer.on(channel, wrapped);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(channel, wrapped);
    };
  }

  /** Which series this window's sample events carry; main validates it like a method's input. */
  async function subscribe(subscription: SampleSubscription): Promise<void> {
    const result = (await ipcRenderer.invoke(SUBSCRIBE_CHANNEL, subscription)) as
      ContractResult<unknown> | null | undefined;
    if (result?.ok !== true) throw ipcFailure(result?.ok === false ? result.error : undefined);
  }

  return { ...methods, on, subscribe, transport: 'ipc' };
}

/** A function named after the method (so stack traces and devtools say `list`, not `anonymous`). */
function invoker(ipcRenderer: IpcRendererLike, name: MethodName): (input?: unknown) => Promise<unknown> {
  const channel = invokeChannel(name);
  const named: Record<string, (input?: unknown) => Promise<unknown>> = {
    async [name](input?: unknown): Promise<unknown> {
      const result = (await ipcRenderer.invoke(channel, input)) as ContractResult<unknown> | null | undefined;
      if (result?.ok === true) return result.value;
      throw ipcFailure(result?.ok === false ? result.error : undefined);
    },
  };
  return named[name]!;
}
