/**
 * Turns anything a handler throws into a typed, structured-cloneable `IpcError`, the error half of
 * the envelope both transports send (IPC as is, HTTP with a status code). Only known
 * errors keep their name and issues; everything else becomes a bare `Error` with its message,
 * because a stack or a raw Error object must never reach the renderer.
 *
 * @example
 * toIpcError(new NotFoundError('no alert 7')); // { name: 'NotFoundError', message: 'no alert 7' }
 * toIpcError(new TypeError('x is undefined')); // { name: 'Error', message: 'x is undefined' }
 */
import { InputError, NotFoundError } from './contract.js';
import { SettingsError } from './settings-error.js';
import type { IpcError } from './ipc-channels.js';

/** Whether the error is one the contract defines, i.e. a caller mistake rather than a bug. */
export function isContractError(error: unknown): error is InputError | NotFoundError | SettingsError {
  return error instanceof InputError || error instanceof NotFoundError || error instanceof SettingsError;
}

export function toIpcError(error: unknown): IpcError {
  // Names are spelled out, not read from `error.name`, so a subclass cannot widen the set.
  if (error instanceof InputError) {
    return { name: 'InputError', message: String(error.message), issues: copyIssues(error.issues) };
  }
  if (error instanceof SettingsError) {
    return { name: 'SettingsError', message: String(error.message), issues: copyIssues(error.issues) };
  }
  if (error instanceof NotFoundError) return { name: 'NotFoundError', message: String(error.message) };
  if (error instanceof Error) return { name: 'Error', message: String(error.message) };
  // A thrown non-Error (a string, undefined) says nothing useful and may hold anything: keep it out.
  return { name: 'Error', message: 'internal error' };
}

/** Fresh plain objects, so nothing but strings crosses the wire. */
function copyIssues(issues: readonly { path: string; message: string }[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: String(issue.path), message: String(issue.message) }));
}
