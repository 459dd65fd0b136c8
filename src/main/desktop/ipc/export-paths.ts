/**
 * Where a dashboard export lands on the desktop: the page sends a bare file name by default
 * (`dashlight-20261123-1405.csv`), which goes to the user's Downloads folder; a full path the user
 * typed is kept. (The headless server does the same with its own downloads folder.)
 *
 * @example
 * registerIpc({ ipcMain, handlers: withExportsIn(engine, app.getPath('downloads')), ... });
 */
import { isAbsolute, join } from 'node:path';
import { METHOD_NAMES, type DashlightHandlers } from '../../../shared/contract.js';

export function withExportsIn(handlers: DashlightHandlers, downloadsDir: string): DashlightHandlers {
  // Bound copies rather than a spread or a prototype link: whatever object holds the handlers (the
  // engine, a test's stubs), a method that uses `this` must run with that object as `this`.
  const view = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (handlers[name] as (input: unknown) => Promise<unknown>).bind(handlers)]),
  ) as unknown as DashlightHandlers;
  view.export = (input) =>
    handlers.export.call(handlers, isAbsolute(input.path) ? input : { ...input, path: join(downloadsDir, input.path) });
  return view;
}
