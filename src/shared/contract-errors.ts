/**
 * The result envelope both transports send (IPC as is, HTTP with a status code), and the one way
 * to turn anything a handler throws into its typed, structured-cloneable error half. Only known
 * errors keep their name and issues; everything else becomes a bare `Error` with its message,
 * because a stack or a raw Error object must never reach the renderer.
 *
 * @example
 * toContractError(new NotFoundError('no alert 7')); // { name: 'NotFoundError', message: 'no alert 7' }
 * toContractError(new TypeError('x is undefined')); // { name: 'Error', message: 'x is undefined' }
 */
import { InputError, NotFoundError } from './contract.js';
import { SettingsError } from './settings-error.js';

/** The error names that may cross the wire; anything unexpected is flattened to 'Error'. */
export const CONTRACT_ERROR_NAMES = [
  'InputError',
  'NotFoundError',
  'SettingsError',
  'ForbiddenError',
  'Error',
] as const;
export type ContractErrorName = (typeof CONTRACT_ERROR_NAMES)[number];

/**
 * A typed, structured-cloneable error. Never carries a stack: Electron would serialize a raw Error
 * lossily anyway, and stacks leak main-process paths to the renderer.
 */
export interface ContractError {
  name: ContractErrorName;
  message: string;
  issues?: { path: string; message: string }[];
}

/** What every call of a contract method resolves to, over either transport; it never rejects. */
export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Whether the error is one the contract defines, i.e. a caller mistake rather than a bug. */
export function isContractError(error: unknown): error is InputError | NotFoundError | SettingsError {
  return error instanceof InputError || error instanceof NotFoundError || error instanceof SettingsError;
}

export function toContractError(error: unknown): ContractError {
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
