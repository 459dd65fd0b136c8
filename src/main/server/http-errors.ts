/**
 * The HTTP side of the result envelope: what a handler throws becomes the same `ContractError` the
 * desktop transport sends (src/shared/contract-errors.ts), plus the status code.
 *
 * @example
 * httpErrorFor(new NotFoundError('no alert 7'));
 * // { status: 404, error: { name: 'NotFoundError', message: 'no alert 7' } }
 */
import { InputError, NotFoundError } from '../../shared/contract.js';
import { toContractError, type ContractError, type ContractErrorName } from '../../shared/contract-errors.js';
import { SettingsError } from '../../shared/settings-error.js';

export { isContractError } from '../../shared/contract-errors.js';

/** The contract's names, plus the one only HTTP has: a request without the right token. */
export type HttpErrorName = ContractErrorName | 'UnauthorizedError';

export interface HttpError extends Omit<ContractError, 'name'> {
  name: HttpErrorName;
}

/** The body of every failed API response: the failure half of `ContractResult`, over HTTP. */
export interface HttpFailure {
  ok: false;
  error: HttpError;
}

/** The status and the stack-free error a thrown value is answered with. */
export function httpErrorFor(error: unknown): { status: number; error: HttpError } {
  const status =
    error instanceof InputError || error instanceof SettingsError ? 400 : error instanceof NotFoundError ? 404 : 500;
  return { status, error: toContractError(error) };
}
