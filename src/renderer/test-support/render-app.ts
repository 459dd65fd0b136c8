/**
 * Mounts a view (or the whole App) with a fresh `AppState` around a fake client, as App.svelte
 * provides it on a page. Each test gets its own state: nothing is shared between tests, so
 * nothing needs resetting. The state is disposed by `cleanup` (testing-library runs it after each test).
 *
 * @example
 * const client = fakeClient();
 * const { app } = renderApp(StatsView, { client });
 * app.view(StatsState).filter = 'net';
 */
import { render, type RenderResult } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { afterEach } from 'vitest';
import { AppState, appContext } from '../lib/app-context.js';
import type { DashlightClient } from '../lib/client/client-types.js';

const made: AppState[] = [];

afterEach(() => {
  for (const app of made.splice(0)) app.dispose();
});

/** A fresh `AppState` for `client`, disposed after the test. */
export function makeApp(client: DashlightClient): AppState {
  const app = new AppState(client);
  made.push(app);
  return app;
}

export function renderApp<Props extends Record<string, unknown>>(
  component: Component<Props>,
  options: { client: DashlightClient; app?: AppState; props?: Props },
): RenderResult<Component<Props>> & { app: AppState } {
  const app = options.app ?? makeApp(options.client);
  // Svelte's mount options: props plus the context map App.svelte would have set.
  const mountOptions = { props: options.props ?? ({} as Props), context: appContext(app) };
  const result = render(component, mountOptions as Parameters<typeof render<Component<Props>>>[1]);
  return Object.assign(result, { app });
}
