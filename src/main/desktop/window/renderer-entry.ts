/**
 * Which dashboard the window loads: the built files (`out/renderer/index.html`), or, while
 * developing (`npm run dev`), Vite's dev server named by `ELECTRON_RENDERER_URL` (electron-vite's
 * convention). The dev URL is taken only from an unpackaged app and only when it points at this
 * machine: a stray variable must never make the app load, and trust over IPC, a remote page.
 *
 * @example
 * rendererEntry({ isPackaged: false, appDir, env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } });
 * // { entry: { url: 'http://127.0.0.1:5173/' }, ignored: null }
 */
import { join } from 'node:path';
import type { RendererEntry } from './dashboard-window.js';

export const DEV_URL_VARIABLE = 'ELECTRON_RENDERER_URL';

/** Host names that can only mean this machine (URL keeps IPv6 hosts in brackets). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export interface RendererChoice {
  readonly entry: RendererEntry;
  /** Why a set ELECTRON_RENDERER_URL was not used (for the log), or null. */
  readonly ignored: string | null;
}

export function rendererEntry(input: {
  readonly isPackaged: boolean;
  readonly appDir: string;
  readonly env: NodeJS.ProcessEnv;
}): RendererChoice {
  const built: RendererEntry = { file: join(input.appDir, 'out', 'renderer', 'index.html') };
  const value = input.env[DEV_URL_VARIABLE];
  if (value === undefined || value === '') return { entry: built, ignored: null };
  if (input.isPackaged) return { entry: built, ignored: `${DEV_URL_VARIABLE} is ignored by an installed app` };
  const problem = devUrlProblem(value);
  return problem === null
    ? { entry: { url: new URL(value).href }, ignored: null }
    : { entry: built, ignored: `${DEV_URL_VARIABLE}=${value} is ignored: ${problem}` };
}

function devUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http(s) dev servers are loaded';
  if (url.username !== '' || url.password !== '') return 'credentials in the URL';
  if (!LOOPBACK.test(url.hostname)) return 'only a dev server on this machine (127.0.0.1, localhost, [::1]) is loaded';
  return null;
}
