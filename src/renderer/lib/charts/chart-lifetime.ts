/**
 * A chart's life beside the page's theme: its colours follow every theme change until the
 * returned function runs, which also destroys it. Every component that creates a chart ends
 * its effect with this.
 *
 * @example
 * $effect(() => {
 *   const chart = new TimeSeriesChart(canvas, options);
 *   return followTheme(chart, theme);
 * });
 */
import type { Theme } from '../state/theme.svelte.js';
import type { FeedChart } from './chart-types.js';

export function followTheme(
  chart: Pick<FeedChart, 'applyTheme' | 'destroy'>,
  theme: Pick<Theme, 'onChange'>,
): () => void {
  const stop = theme.onChange(() => chart.applyTheme());
  return () => {
    stop();
    chart.destroy();
  };
}
