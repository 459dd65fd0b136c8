/**
 * Per-tick savings for charts redrawn every second. Profiling the Overview in headless Chromium
 * showed a third of each redraw going to axis labels: the sliding window's odd end times were new
 * strings every tick (formatted and measured again), and byte labels go through pretty-bytes,
 * which builds an `Intl.NumberFormat` per call. Ticks at round values only, and labels memoised by
 * value, keep a label's work to its first appearance.
 *
 * @example
 * const chart = new TimeSeriesChart(canvas, options);
 * tuneForLive(chart);
 */
import type { Scale, Tick } from 'chart.js';
import type { TimeSeriesChart } from '../../lib/charts/time-series-chart.js';

type TickCallback = (this: Scale, value: number | string, index: number, ticks: Tick[]) => unknown;

/** Enough for every label an axis shows over an hour; beyond it the memo starts again. */
const MEMO_LIMIT = 512;

export function tuneForLive(chart: TimeSeriesChart): void {
  const scales = chart.chart.options.scales!;
  for (const [axis, bySpan] of [
    [scales.x!, true],
    [scales.y!, false],
  ] as const) {
    const ticks = axis.ticks as { callback?: TickCallback };
    ticks.callback = memoise(ticks.callback!, bySpan);
  }
  // Round times only: the window's own ends change every tick and would be new labels each time.
  (scales.x!.ticks as { includeBounds?: boolean }).includeBounds = false;
}

/** A tick callback cached by value, and by visible span where the label depends on it (times). */
function memoise(callback: TickCallback, bySpan: boolean): TickCallback {
  const memo = new Map<string, unknown>();
  return function (this: Scale, value, index, ticks) {
    const key = bySpan ? `${value}|${this.max - this.min}` : String(value);
    let label = memo.get(key);
    if (label === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      label = callback.call(this, value, index, ticks);
      memo.set(key, label);
    }
    return label;
  };
}
