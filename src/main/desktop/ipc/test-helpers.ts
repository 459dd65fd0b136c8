/**
 * Shared pieces of the IPC tests: a handler stub per contract method, and an invoke that lets a
 * test choose the sender frame (the fake's `ipcMain.invoke` always sends from a main frame).
 *
 * @example
 * const handlers = stubHandlers();
 * await invokeAs(invokeChannel('list'), { url: APP_URL, parent: null }, {});
 */
import { vi, type Mock } from 'vitest';
import { METHOD_NAMES, type DashlightHandlers, type MethodName } from '../../../shared/contract.js';
import { electron as fakeElectron } from '../test-support/fake-electron.js';

export const APP_URL = 'file:///opt/Dashlight/resources/app.asar/out/renderer/index.html';

export type StubHandlers = DashlightHandlers & { [K in MethodName]: Mock };

/** A `DashlightHandlers` whose every method resolves to `{}`. */
export function stubHandlers(): StubHandlers {
  return Object.fromEntries(METHOD_NAMES.map((name) => [name, vi.fn(async () => ({}))])) as unknown as StubHandlers;
}

/** What Electron would do for an `ipcRenderer.invoke` from `senderFrame`. */
export async function invokeAs(channel: string, senderFrame: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = fakeElectron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  return handler({ senderFrame }, ...args);
}

/** Every key path under `value` named `name` (to prove no `stack` leaks anywhere). */
export function pathsNamed(value: unknown, name: string, path = '$', seen = new Set<unknown>()): string[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const found: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (key === name) found.push(`${path}.${String(key)}`);
    found.push(...pathsNamed((value as Record<PropertyKey, unknown>)[key], name, `${path}.${String(key)}`, seen));
  }
  return found;
}
