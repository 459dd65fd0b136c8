/**
 * What every view talks to: the contract's methods and events, the same over IPC (Electron) and
 * HTTP/SSE (a browser on `dashlight run --serve`), plus the connection state.
 */
import { METHOD_NAMES, type DashlightApi, type DashlightEvents, type EventName } from '../../../shared/contract.js';
import type { SampleSubscription } from '../../../shared/live-subscription.js';

/** `open`: events flow. `connecting`: first contact or reconnecting after a drop. `unauthorized`: the token was refused. */
export type ConnectionState = 'connecting' | 'open' | 'unauthorized';

export interface DashlightClient extends DashlightApi {
  readonly transport: 'ipc' | 'http';
  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void;
  /** Narrows the `sample` events to these series (src/shared/live-subscription.ts); the default is all. */
  subscribe(subscription: SampleSubscription): void;
  /** Called with every connection change; `reconnected` is true when events resume after a drop. */
  onConnection(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
  readonly connection: ConnectionState;
  close(): void;
}

/** The contract's methods alone, as both transports build them. */
export type ClientMethods = DashlightApi;

/** Every contract method, each sending its name and input through `call` (the transport). */
export function methodsCalling(
  call: (name: (typeof METHOD_NAMES)[number], input?: unknown) => Promise<unknown>,
): ClientMethods {
  return Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input?: unknown) => call(name, input)]),
  ) as unknown as ClientMethods;
}
