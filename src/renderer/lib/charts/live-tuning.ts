/**
 * Per-tick savings for charts redrawn every second. Profiling the Overview in headless Chromium
 * showed a third of each redraw going to axis labels: the sliding window's odd end times were new
 * strings every tick (formatted and measured again). Ticks at round values only, and labels
 * memoised by value, keep a label's work to its first appearance. `TimeSeriesChart` applies this
 * when created with `live: true`.
 *
 * @example
 * new TimeSeriesChart(canvas, { ...options, live: true, decimation: decimatesAt(windowMs) });
 */
import type { Chart, Scale, Tick } from 'chart.js';

type TickCallback = (this: Scale, value: number | string, index: number, ticks: Tick[]) => unknown;

/**
 * Windows up to this long are drawn without decimation: at 1 Hz a 15-minute series holds 900
 * points, below the 4 per pixel where Chart.js's min/max decimation starts to drop any, so the
 * plugin's per-update scan of every series would buy nothing. The 60-minute window keeps it.
 */
export const DECIMATE_AFTER_MS = 15 * 60_000;

/** Whether a live chart over `windowMs` should decimate its series. */
export function decimatesAt(windowMs: number): boolean {
  return windowMs > DECIMATE_AFTER_MS;
}

/** Time labels measured per update to size the x axis (first, last and two between). */
const X_LABEL_SAMPLE = 4;

/** Enough for every label an axis shows over an hour; beyond it the memo starts again. */
const MEMO_LIMIT = 512;

export function tuneForLive(chart: Chart<'line', unknown[]>): void {
  const scales = chart.options.scales!;
  for (const [axis, bySpan] of [
    [scales.x!, true],
    [scales.y!, false],
  ] as const) {
    const ticks = axis.ticks as { callback?: TickCallback };
    ticks.callback = memoise(ticks.callback!, bySpan);
  }
  // Round times only: the window's own ends change every tick and would be new labels each time.
  (scales.x!.ticks as { includeBounds?: boolean }).includeBounds = false;
  // Time labels ("14:05") are all about as wide: measuring a few (Chart.js resolves the tick font
  // per label measured, every update) sizes the axis as well as measuring all of them.
  (scales.x!.ticks as { sampleSize?: number }).sampleSize = X_LABEL_SAMPLE;
}

/**
 * A tick callback cached by value, and by visible span where the label depends on it (times).
 * Keyed by numbers in nested maps: building a string key per label was itself a hot spot.
 */
function memoise(callback: TickCallback, bySpan: boolean): TickCallback {
  const memos = new Map<number, Map<number | string, unknown>>();
  let size = 0;
  return function (this: Scale, value, index, ticks) {
    const span = bySpan ? this.max - this.min : 0;
    let memo = memos.get(span);
    if (memo === undefined) {
      memo = new Map();
      memos.set(span, memo);
    }
    let label = memo.get(value);
    if (label === undefined) {
      if (size >= MEMO_LIMIT) {
        memos.clear();
        size = 0;
        memo = new Map();
        memos.set(span, memo);
      }
      label = callback.call(this, value, index, ticks);
      memo.set(value, label);
      size += 1;
    }
    return label;
  };
}
