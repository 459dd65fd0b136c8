/**
 * The preload script: sandboxed, bundled to one CommonJS file, so it imports only `electron`'s
 * renderer-side modules and our pure `src/shared`. It exposes the contract as `window.dashlight`
 * and nothing else.
 *
 * @example
 * // in the renderer
 * const status = await window.dashlight.status();
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDashlightApi } from './create-api.js';

contextBridge.exposeInMainWorld('dashlight', createDashlightApi(ipcRenderer));
