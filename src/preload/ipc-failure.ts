/**
 * Rebuilds a thrown `Error` from the wire's `IpcError`, so renderer code can `catch` and branch on
 * `error.name` exactly as it would with the HTTP transport.
 *
 * @example
 * throw ipcFailure({ name: 'NotFoundError', message: 'no alert 7' });
 */
import type { IpcError } from '../shared/ipc-channels.js';

export type IpcFailure = Error & { name: IpcError['name']; issues?: { path: string; message: string }[] };

export function ipcFailure(error: IpcError | undefined): IpcFailure {
  // A malformed envelope means main and preload disagree; say so rather than throw a TypeError.
  const failure = new Error(
    typeof error?.message === 'string' ? error.message : 'malformed IPC response',
  ) as IpcFailure;
  failure.name = typeof error?.name === 'string' ? error.name : 'Error';
  if (Array.isArray(error?.issues)) failure.issues = error.issues;
  return failure;
}
