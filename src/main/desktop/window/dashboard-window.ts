/**
 * The dashboard window, created on demand and destroyed on close. A tray monitor spends most of
 * its life with no window open, so the renderer (Chromium, charts, history) is only paid for
 * while someone looks at it; closing gives that memory back instead of hiding the window.
 *
 * The renderer is `out/renderer/index.html` (built by `npm run build`) or the dev server's URL.
 * A missing file still gets a window: Electron shows its own load error, and the trusted-sender
 * check keeps working because the URL stays ours (a `data:` fallback page would not).
 *
 * @example
 * const dashboard = new DashboardWindow({
 *   rendererEntry: { file: join(outDir, 'renderer/index.html') },
 *   preloadPath: join(outDir, 'preload/index.cjs'),
 *   boundsFile: join(app.getPath('userData'), 'window-bounds.json'),
 *   isDark: () => nativeTheme.shouldUseDarkColors,
 *   log,
 * });
 * await dashboard.open('#/alerts/42');
 * dashboard.current()?.webContents.send('engine:sample', sample); // only while it is visible
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell } from 'electron';
import { loadBounds, saveBounds } from './window-bounds.js';
import { dashboardWindowOptions, isAllowedExternalUrl } from './window-options.js';

export type RendererEntry = { readonly file: string } | { readonly url: string };

/** The part of a pino logger this class uses. */
export interface WindowLog {
  warn(object: object, message: string): void;
}

export interface DashboardWindowOptions {
  readonly rendererEntry: RendererEntry;
  readonly preloadPath: string;
  readonly boundsFile: string;
  readonly isDark: () => boolean;
  readonly log: WindowLog;
  /** For tests; defaults to `process.platform`. */
  readonly platform?: NodeJS.Platform;
}

/** `'#/alerts/1'`, `'/alerts/1'` and `'alerts/1'` all mean the route `/alerts/1`. */
function routeHash(route: string | undefined): string | undefined {
  if (route === undefined || route === '') return undefined;
  const hash = route.startsWith('#') ? route.slice(1) : route;
  return hash.startsWith('/') ? hash : `/${hash}`;
}

export class DashboardWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly options: DashboardWindowOptions) {}

  /** The URL our renderer is loaded from (without a route): what the IPC sender check accepts. */
  rendererUrl(): string {
    const entry = this.options.rendererEntry;
    return 'file' in entry ? pathToFileURL(entry.file).href : entry.url;
  }

  /**
   * The window, only while it exists and is visible: events are not sent to a hidden or closed
   * window, so nothing queues up in a renderer nobody looks at.
   */
  current(): BrowserWindow | null {
    const win = this.window;
    if (!win || win.isDestroyed() || !win.isVisible()) return null;
    return win;
  }

  /** Opens the dashboard (at `route`, e.g. `#/alerts/42`), or brings the open one to the front. */
  async open(route?: string): Promise<void> {
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      // A hash-only change is a same-document navigation: the renderer's router handles it, no reload.
      if (route !== undefined) await this.load(existing, routeHash(route));
      return;
    }
    const win = this.create();
    await this.load(win, routeHash(route));
  }

  /** Closes (and so destroys) the window, e.g. before quitting. */
  close(): void {
    const win = this.window;
    if (win && !win.isDestroyed()) win.close();
  }

  private create(): BrowserWindow {
    const { preloadPath, boundsFile, isDark, log } = this.options;
    const win = new BrowserWindow(
      dashboardWindowOptions({
        preloadPath,
        bounds: loadBounds(boundsFile),
        dark: isDark(),
        platform: this.options.platform ?? process.platform,
      }),
    );
    this.window = win;
    win.once('ready-to-show', () => {
      if (win.isDestroyed()) return;
      win.show();
      win.focus();
    });
    win.on('close', () => {
      try {
        saveBounds(boundsFile, win.getBounds());
      } catch (error) {
        log.warn({ err: error }, 'could not save the dashboard window position');
      }
    });
    win.on('closed', () => {
      // Drop the reference so the BrowserWindow and its renderer can be collected.
      if (this.window === win) this.window = null;
    });
    const contents = win.webContents;
    // The dashboard is a single page: any navigation (a dropped file, a link, a compromised
    // script setting location) would leave our page and with it the trusted-sender check.
    contents.on('will-navigate', (event: { preventDefault(): void }) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) {
        shell.openExternal(url).catch((error: unknown) => log.warn({ err: error, url }, 'could not open the link'));
      }
      return { action: 'deny' };
    });
    return win;
  }

  private async load(win: BrowserWindow, hash: string | undefined): Promise<void> {
    const entry = this.options.rendererEntry;
    if ('file' in entry) {
      await win.loadFile(entry.file, hash === undefined ? {} : { hash });
    } else {
      const url = new URL(entry.url);
      if (hash !== undefined) url.hash = hash;
      await win.loadURL(url.href);
    }
  }
}
