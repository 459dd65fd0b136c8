/**
 * The dashboard's single client: IPC when the Electron preload put `window.dashlight` there,
 * HTTP/SSE otherwise. Views import `client` and never learn which one they got.
 *
 * @example
 * import { client } from '$lib/client/client';
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

let instance: DashlightClient | null = null;

/** The page's client, created on first use (tests install their own with `setClient`). */
export function getClient(): DashlightClient {
  instance ??= createClient();
  return instance;
}

export function setClient(next: DashlightClient): void {
  instance = next;
}
