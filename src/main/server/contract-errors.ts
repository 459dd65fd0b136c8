/**
 * The HTTP side of the error envelope: what a handler throws becomes the same `IpcError` the
 * desktop transport sends, plus the status code. Duplicated in spirit from the desktop's
 * ipc-errors.ts, because the server layer may not import src/main/desktop.
 *
 * @example
 * httpErrorFor(new NotFoundError('no alert 7'));
 * // { status: 404, error: { name: 'NotFoundError', message: 'no alert 7' } }
 */
import { InputError, NotFoundError } from '../../shared/contract.js';
import type { IpcError, IpcErrorName } from '../../shared/ipc-channels.js';
import { SettingsError } from '../../shared/settings-error.js';

/** The IPC names, plus the one only HTTP has: a request without the right token. */
export type HttpErrorName = IpcErrorName | 'UnauthorizedError';

export interface HttpError extends Omit<IpcError, 'name'> {
  name: HttpErrorName;
}

/** The body of every failed API response, the same envelope as IPC's `IpcResult`. */
export interface HttpFailure {
  ok: false;
  error: HttpError;
}

/** Whether the error is one the contract defines, i.e. a caller mistake rather than a bug. */
export function isContractError(error: unknown): error is InputError | NotFoundError | SettingsError {
  return error instanceof InputError || error instanceof NotFoundError || error instanceof SettingsError;
}

/** The status and the stack-free error a thrown value is answered with. */
export function httpErrorFor(error: unknown): { status: number; error: HttpError } {
  // Names are spelled out, not read from `error.name`, so a subclass cannot widen the set.
  if (error instanceof InputError) {
    return { status: 400, error: { name: 'InputError', message: String(error.message), issues: copy(error.issues) } };
  }
  if (error instanceof SettingsError) {
    return {
      status: 400,
      error: { name: 'SettingsError', message: String(error.message), issues: copy(error.issues) },
    };
  }
  if (error instanceof NotFoundError) return { status: 404, error: { name: 'NotFoundError', message: error.message } };
  if (error instanceof Error) return { status: 500, error: { name: 'Error', message: String(error.message) } };
  // A thrown non-Error (a string, undefined) says nothing useful and may hold anything: keep it out.
  return { status: 500, error: { name: 'Error', message: 'internal error' } };
}

/** Fresh plain objects, so nothing but strings goes out. */
function copy(issues: readonly { path: string; message: string }[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: String(issue.path), message: String(issue.message) }));
}
