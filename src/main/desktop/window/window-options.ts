/**
 * What the dashboard window is allowed to do, in one pure place so the tests can assert every
 * flag: the renderer is untrusted web content (it draws data that came from process names and
 * mount paths), so it runs sandboxed, isolated, without Node, and may not navigate anywhere.
 *
 * @example
 * new BrowserWindow(dashboardWindowOptions({ preloadPath, bounds: null, dark: true, platform: process.platform }));
 * isAllowedExternalUrl('https://github.com/dashlight/dashlight/issues'); // true
 * isAllowedExternalUrl('http://github.com/'); // false: https only
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy.js';

export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DashboardWindowOptionsInput {
  readonly preloadPath: string;
  readonly bounds?: WindowBounds | null;
  readonly dark: boolean;
  readonly platform: NodeJS.Platform;
}

/** Small enough for a laptop split screen, big enough that the charts still read. */
export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 420;
export const DEFAULT_WIDTH = 1100;
export const DEFAULT_HEIGHT = 720;

/** Painted before the renderer's first frame, so opening the window never flashes white in dark mode. */
export const BACKGROUND = { dark: '#16181d', light: '#f6f7f9' } as const;

/** The renderer's policy (see src/shared/content-security-policy.ts). */
export { CONTENT_SECURITY_POLICY };

/** The only hosts a link in the dashboard may open (in the user's browser, never in the app). */
export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = ['github.com', 'www.github.com'];

/** https only, exact host from the allowlist, no credentials in the URL; anything unparsable is refused. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  return ALLOWED_EXTERNAL_HOSTS.includes(parsed.hostname.toLowerCase());
}

export function dashboardWindowOptions(input: DashboardWindowOptionsInput): BrowserWindowConstructorOptions {
  const bounds = input.bounds ?? null;
  return {
    ...(bounds ? { x: bounds.x, y: bounds.y } : { center: true }),
    width: bounds?.width ?? DEFAULT_WIDTH,
    height: bounds?.height ?? DEFAULT_HEIGHT,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Dashlight',
    // Shown on 'ready-to-show', so the user never sees an empty frame.
    show: false,
    backgroundColor: input.dark ? BACKGROUND.dark : BACKGROUND.light,
    // The dashboard has no menu of its own; Alt still reveals it on Windows and Linux.
    autoHideMenuBar: input.platform !== 'darwin',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    },
  };
}
