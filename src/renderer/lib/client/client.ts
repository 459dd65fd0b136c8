/**
 * The dashboard's client: IPC when the Electron preload put `window.dashlight` there, HTTP/SSE
 * otherwise. App.svelte creates the one of the page and provides it through context (`useApp()`);
 * views never learn which one they got.
 *
 * @example
 * const client = createClient();
 * const status = await client.status();
 */
import type { DashlightBridge } from '../../../shared/ipc-channels.js';
import type { DashlightClient } from './client-types.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';

export type { ConnectionState, DashlightClient } from './client-types.js';
export { ClientError } from './client-error.js';

declare global {
  interface Window {
    dashlight?: DashlightBridge;
  }
}

export function createClient(
  scope: { dashlight?: DashlightBridge } = globalThis as { dashlight?: DashlightBridge },
): DashlightClient {
  return scope.dashlight?.transport === 'ipc' ? createIpcClient(scope.dashlight) : createHttpClient();
}
