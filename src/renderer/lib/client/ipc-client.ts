/**
 * The Electron transport: `window.dashlight`, exposed by the preload. The preload rejects with
 * plain `{ name, message, issues }` objects (see src/preload/ipc-failure.ts); they become
 * `ClientError`s here so views handle both transports alike. IPC has no connection to lose.
 */
import type { DashlightEvents, EventName } from '../../../shared/contract.js';
import type { DashlightBridge } from '../../../shared/ipc-channels.js';
import { ClientError } from './client-error.js';
import { methodsCalling, type DashlightClient } from './client-types.js';

export function createIpcClient(bridge: DashlightBridge): DashlightClient {
  const methods = methodsCalling(async (name, input) => {
    try {
      return await (bridge[name] as (input?: unknown) => Promise<unknown>)(input);
    } catch (error) {
      throw ClientError.from(error);
    }
  });
  return {
    ...methods,
    transport: 'ipc',
    on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void) {
      return bridge.on(event, listener);
    },
    subscribe(subscription) {
      bridge.subscribe(subscription).catch((error: unknown) => console.error('dashlight: subscription refused', error));
    },
    onConnection: () => () => {},
    connection: 'open',
    close() {},
  };
}
