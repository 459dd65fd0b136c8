/**
 * Builds what a failed call rejects with: a plain `{ name, message, issues }` object, not an Error.
 * `contextBridge` keeps only the message of an Error that crosses into the page (Electron #28346),
 * so the renderer could not tell an InputError from a bug; plain objects are cloned whole.
 * The renderer's client module turns this back into a `ClientError`.
 *
 * @example
 * throw ipcFailure({ name: 'NotFoundError', message: 'no alert 7' });
 */
import type { ContractError } from '../shared/contract-errors.js';

export type IpcFailure = { name: ContractError['name']; message: string; issues?: { path: string; message: string }[] };

export function ipcFailure(error: ContractError | undefined): IpcFailure {
  // A malformed envelope means main and preload disagree; say so rather than throw a TypeError.
  const failure: IpcFailure = {
    name: typeof error?.name === 'string' ? error.name : 'Error',
    message: typeof error?.message === 'string' ? error.message : 'malformed IPC response',
  };
  if (Array.isArray(error?.issues)) failure.issues = error.issues;
  return failure;
}
