/**
 * The min–max band of aggregated history, drawn as one filled rectangle per pixel column instead
 * of a filled path: over a year the band swings at almost every pixel, and without a GPU Chromium
 * takes 50–120 ms to fill such a path, against a few ms for the columns.
 */
import type { Chart, Plugin } from 'chart.js';
import type { Point } from './chart-types.js';

/**
 * One rectangle per pixel column from the lowest min to the highest max of the points in it; a
 * column reaches to the next point's column, so sparse points still make a continuous band. A null
 * is a gap: the band breaks there as the line does.
 */
export function drawBandColumns(
  chart: Pick<Chart, 'ctx' | 'scales'>,
  lows: Point[],
  highs: Point[],
  color: string,
): void {
  const { ctx } = chart;
  const x = chart.scales.x!;
  const y = chart.scales.y!;
  const count = Math.min(lows.length, highs.length);
  ctx.fillStyle = color;
  let open = false;
  let column = 0;
  let top = 0;
  let bottom = 0;
  let width = 1;
  const flush = (next: number) => {
    if (!open) return;
    width = Math.max(1, next - column);
    ctx.fillRect(column, top, width, bottom - top);
    open = false;
  };
  for (let i = 0; i < count; i += 1) {
    const low = lows[i]!.y;
    const high = highs[i]!.y;
    if (low === null || high === null) {
      flush(column + width);
      continue;
    }
    const at = Math.floor(x.getPixelForValue(lows[i]!.x));
    const up = y.getPixelForValue(high);
    const down = y.getPixelForValue(low);
    if (open && at === column) {
      top = Math.min(top, up);
      bottom = Math.max(bottom, down);
      continue;
    }
    flush(at);
    open = true;
    column = at;
    top = Math.min(up, down);
    bottom = Math.max(up, down);
  }
  flush(column + width);
}

export interface Band {
  lows: Point[];
  highs: Point[];
  color: string;
}

/** A plugin drawing `bands()` as pixel columns inside the plot area, before (under) the lines. */
export function bandColumnsPlugin(bands: () => readonly Band[]): Plugin<'line'> {
  return {
    id: 'dashlightBandColumns',
    beforeDatasetsDraw: (chart) => {
      const { ctx, chartArea: area } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.width, area.height);
      ctx.clip();
      for (const band of bands()) drawBandColumns(chart, band.lows, band.highs, band.color);
      ctx.restore();
    },
  };
}
