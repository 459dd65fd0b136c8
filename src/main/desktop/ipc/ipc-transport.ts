/**
 * The desktop transport of the contract: one `ipcMain.handle` per method in `METHOD_NAMES`, so a
 * method added to the contract is served here without anyone remembering to wire it. Every call
 * checks the sender, validates the input with the shared schema, and resolves to an `ContractResult`;
 * a handler never rejects, because Electron turns a rejection into a lossy, stack-bearing Error.
 *
 * @example
 * const unregister = registerIpc({
 *   ipcMain,
 *   handlers: engine.handlers,
 *   isTrustedSender: trustedSenderCheck(rendererUrl),
 *   log,
 * });
 * app.on('will-quit', unregister);
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, parseInput, type DashlightHandlers, type MethodName } from '../../../shared/contract.js';
import { isContractError, toContractError, type ContractResult } from '../../../shared/contract-errors.js';
import { SUBSCRIBE_CHANNEL, invokeChannel } from '../../../shared/ipc-channels.js';
import { parseSubscription } from '../../../shared/live-subscription.js';
import type { LiveSubscriptions } from './live-subscriptions.js';
import { senderUrlForLog } from './trusted-sender.js';

export interface IpcLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface RegisterIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: DashlightHandlers;
  /** See `trustedSenderCheck`; anything it refuses gets a ForbiddenError and never a handler call. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  log?: IpcLog;
  /** Where `SUBSCRIBE_CHANNEL` keeps each window's subscription; without it the channel is not served. */
  subscriptions?: LiveSubscriptions;
}

/** Registers every contract method; returns the function that removes them all again. */
export function registerIpc(options: RegisterIpcOptions): () => void {
  const { ipcMain } = options;
  const channels: string[] = [];
  for (const name of METHOD_NAMES) {
    const channel = invokeChannel(name);
    ipcMain.handle(channel, (event, raw: unknown) => invokeMethod(options, name, event, raw));
    channels.push(channel);
  }
  const { subscriptions } = options;
  if (subscriptions) {
    ipcMain.handle(SUBSCRIBE_CHANNEL, (event, raw: unknown) => subscribe(options, subscriptions, event, raw));
    channels.push(SUBSCRIBE_CHANNEL);
  }
  return () => {
    for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
  };
}

/** A window's subscription to the sample stream: the same sender check and validation as a method call. */
export function subscribe(
  options: Pick<RegisterIpcOptions, 'isTrustedSender' | 'log'>,
  subscriptions: LiveSubscriptions,
  event: IpcMainInvokeEvent,
  raw: unknown,
): ContractResult<null> {
  let trusted = false;
  try {
    trusted = options.isTrustedSender(event);
  } catch {
    // A predicate that throws has not said yes.
  }
  if (!trusted) {
    options.log?.warn({ sender: senderUrlForLog(event) }, 'rejected an IPC subscription from an untrusted sender');
    return { ok: false, error: { name: 'ForbiddenError', message: 'subscribe: sender is not the Dashlight window' } };
  }
  try {
    subscriptions.set(event.sender, parseSubscription(raw));
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, error: toContractError(error) };
  }
}

/**
 * One call, end to end. Exported for tests and for anything that wants the same checks without
 * a real `ipcMain`. Resolves, never rejects.
 */
export async function invokeMethod(
  options: Pick<RegisterIpcOptions, 'handlers' | 'isTrustedSender' | 'log'>,
  name: MethodName,
  event: IpcMainInvokeEvent,
  raw: unknown,
): Promise<ContractResult<unknown>> {
  let trusted = false;
  try {
    trusted = options.isTrustedSender(event);
  } catch {
    // A predicate that throws has not said yes.
  }
  if (!trusted) {
    options.log?.warn({ method: name, sender: senderUrlForLog(event) }, 'rejected IPC call from an untrusted sender');
    return { ok: false, error: { name: 'ForbiddenError', message: `${name}: sender is not the Dashlight window` } };
  }
  try {
    const input = parseInput(name, raw);
    // The handler map is indexed by a union key, so TypeScript cannot pair input and handler.
    const handler = options.handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler.call(options.handlers, input);
    return { ok: true, value };
  } catch (error) {
    // Caller mistakes are routine; anything else is a bug worth its stack, in main's log only.
    if (!isContractError(error)) options.log?.warn({ method: name, err: error }, 'IPC handler failed');
    return { ok: false, error: toContractError(error) };
  }
}
