/**
 * Test-only hooks for the real-Electron smoke suite (src/main/desktop/smoke/). Playwright drives
 * windows but cannot reach the OS tray, so when DASHLIGHT_TEST_HOOKS=1 is set on an unpackaged
 * run, the main process publishes `globalThis.__dashlightTestHooks` for the suite to call through
 * `electronApp.evaluate`: the tray menu as Electron built it, a click on one of its items, and the
 * engine's status while no window is open. Without the variable, and always in an installed app,
 * nothing is published (the smoke suite checks that too).
 *
 * @example
 * installTestHooks({ env: process.env, isPackaged: app.isPackaged, app, desktop, engine });
 * // in the smoke suite:
 * await electronApp.evaluate(() => globalThis.__dashlightTestHooks.clickTrayItem('dashboard'));
 */
import type { Menu } from 'electron';
import type { StatusResult } from '../../shared/queries.js';

export const TEST_HOOKS_VARIABLE = 'DASHLIGHT_TEST_HOOKS';
export const TEST_HOOKS_GLOBAL = '__dashlightTestHooks';

/** What the suite reads of a tray menu item. */
export interface TrayMenuEntry {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly visible: boolean;
}

export interface TestHooks {
  /** The tray's context menu as built by Electron's Menu, or null when there is no tray. */
  trayMenu(): TrayMenuEntry[] | null;
  /** Clicks the tray menu item with this id ('dashboard', 'sampling', 'quit', …) as a user would. */
  clickTrayItem(id: string): void;
  /** The engine's status, readable while no window is open. */
  status(): Promise<StatusResult>;
  /** How many later launches asked this instance to show itself. */
  secondInstances(): number;
}

export interface TestHookDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly isPackaged: boolean;
  readonly app: { on(event: 'second-instance', listener: () => void): unknown };
  readonly desktop: { trayMenu(): Menu | null };
  readonly engine: { status(): Promise<StatusResult> };
  /** Where the hooks are published; globalThis in the app. */
  readonly target?: Record<string, unknown>;
}

/** Publishes the hooks when asked to; returns whether it did. */
export function installTestHooks(deps: TestHookDeps): boolean {
  if (deps.env[TEST_HOOKS_VARIABLE] !== '1' || deps.isPackaged) return false;
  let secondInstances = 0;
  deps.app.on('second-instance', () => (secondInstances += 1));
  const items = () => deps.desktop.trayMenu()?.items ?? null;
  const hooks: TestHooks = {
    trayMenu: () =>
      items()?.map((item) => ({
        id: item.id ?? '',
        label: item.label ?? '',
        type: item.type ?? 'normal',
        enabled: item.enabled ?? true,
        visible: item.visible ?? true,
      })) ?? null,
    clickTrayItem: (id) => {
      const item = items()?.find((candidate) => candidate.id === id);
      if (!item || typeof item.click !== 'function' || !item.enabled) {
        throw new Error(`no clickable tray menu item "${id}"`);
      }
      item.click();
    },
    status: () => deps.engine.status(),
    secondInstances: () => secondInstances,
  };
  (deps.target ?? (globalThis as Record<string, unknown>))[TEST_HOOKS_GLOBAL] = hooks;
  return true;
}
