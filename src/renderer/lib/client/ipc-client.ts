/**
 * The Electron transport: `window.dashlight`, exposed by the preload. The preload rejects with
 * plain `{ name, message, issues }` objects (see src/preload/ipc-failure.ts); they become
 * `ClientError`s here so views handle both transports alike. IPC has no connection to lose.
 */
import { METHOD_NAMES, type DashlightEvents, type EventName } from '../../../shared/contract.js';
import type { DashlightBridge } from '../../../shared/ipc-channels.js';
import { ClientError } from './client-error.js';
import type { DashlightClient } from './client-types.js';

export function createIpcClient(bridge: DashlightBridge): DashlightClient {
  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (input?: unknown) => {
        try {
          return await (bridge[name] as (input?: unknown) => Promise<unknown>)(input);
        } catch (error) {
          throw ClientError.from(error);
        }
      },
    ]),
  );
  return {
    ...(methods as unknown as Omit<
      DashlightClient,
      'transport' | 'on' | 'onConnection' | 'connection' | 'downloadUrl' | 'close'
    >),
    transport: 'ipc',
    on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void) {
      return bridge.on(event, listener);
    },
    onConnection: () => () => {},
    connection: 'open',
    downloadUrl: () => null,
    close() {},
  };
}
