/**
 * Everything the views share, made once per page in App.svelte and handed down through Svelte
 * context: the client (IPC or HTTP), the live feed, the settings, the theme, the router, and each
 * view's own state, created the first time the view opens and kept while the page lives (leaving
 * History and coming back finds the same range). Tests make a fresh one per test instead of
 * resetting shared objects (see test-support/render-app.ts).
 *
 * @example
 * // App.svelte
 * provideApp(new AppState(createClient()));
 * // a view
 * const app = useApp();
 * const stats = app.view(StatsState); // new StatsState(app) the first time, the same one after
 */
import { getContext, setContext } from 'svelte';
import type { DashlightClient } from './client/client-types.js';
import { LiveState } from './state/live.svelte.js';
import { Router } from './state/router.svelte.js';
import { SettingsState } from './state/settings.svelte.js';
import { Theme } from './state/theme.svelte.js';

const KEY = Symbol('dashlight.app');

export class AppState {
  readonly theme: Theme;
  readonly router: Router;
  readonly settings: SettingsState;
  readonly live: LiveState;
  /** Views' states by their class; plain, since nothing renders from the map itself. */
  private readonly views = new Map<abstract new (app: AppState) => unknown, unknown>();

  constructor(readonly client: DashlightClient) {
    this.theme = new Theme();
    this.router = new Router();
    this.settings = new SettingsState(client, this.theme);
    this.live = new LiveState(client);
  }

  /** The desktop app (IPC) rather than a browser on the headless server (HTTP). */
  get desktop(): boolean {
    return this.client.transport === 'ipc';
  }

  /** A view's state: created with this app on first use, the same instance afterwards. */
  view<T>(State: new (app: AppState) => T): T {
    let state = this.views.get(State) as T | undefined;
    if (state === undefined) {
      state = new State(this);
      this.views.set(State, state);
    }
    return state;
  }

  /** Stops the feed and the listeners on window (a test's end; the page's own end needs nothing). */
  dispose(): void {
    this.live.stop();
    this.router.dispose();
    this.theme.dispose();
  }
}

/** Makes `app` what `useApp()` returns below the calling component (App.svelte, once). */
export function provideApp(app: AppState): AppState {
  return setContext(KEY, app);
}

/** The page's `AppState`; call during component initialisation. */
export function useApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('useApp() outside the dashboard: App.svelte provides it (tests: renderApp)');
  return app;
}

/** The context map for `mount`/`render` options, for tests and benches that mount a view alone. */
export function appContext(app: AppState): Map<symbol, AppState> {
  return new Map([[KEY, app]]);
}
