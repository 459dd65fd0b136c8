/**
 * Polling while a view is shown: `refresh` now, then every `ms` while the page is visible (a
 * hidden tab asks nothing). Returns the stop function, for `onMount`.
 *
 * @example
 * onMount(() => pollWhileVisible(app.live, () => state.refresh(), 5000));
 */
export function pollWhileVisible(
  page: { readonly hidden: boolean },
  refresh: () => Promise<void>,
  ms: number,
): () => void {
  void refresh();
  const timer = setInterval(() => {
    if (!page.hidden) void refresh();
  }, ms);
  return () => clearInterval(timer);
}
