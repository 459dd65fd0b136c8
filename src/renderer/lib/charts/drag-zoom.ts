/**
 * Drag across a chart to zoom: a Chart.js plugin that shades the dragged span and reports it in
 * data units. The history view then asks the engine for that span again, so zooming in reads a
 * finer tier instead of stretching coarse points. (Keyboard users get zoom buttons in the view.)
 * A click, a drag too short to be one, reports its point to `onPick` when given.
 *
 * @example
 * new Chart(canvas, { ..., plugins: [dragZoom((from, to) => history.zoom(from, to))] });
 */
import type { Chart, Plugin } from 'chart.js';

/** Spans narrower than this many pixels are clicks, not drags. */
const MIN_DRAG_PX = 6;

interface DragState {
  startX: number;
  currentX: number;
}

export function dragZoom(
  onZoom: (from: number, to: number) => void,
  shade = 'rgba(47, 129, 247, 0.15)',
  onPick?: (at: number) => void,
): Plugin<'line'> {
  const drags = new WeakMap<Chart, DragState | null>();
  const cleanups = new WeakMap<Chart, () => void>();

  return {
    id: 'dashlightDragZoom',
    afterInit(chart) {
      const canvas = chart.canvas;
      const x = (event: PointerEvent) => event.clientX - canvas.getBoundingClientRect().left;
      const down = (event: PointerEvent) => {
        if (event.button !== 0) return;
        const area = chart.chartArea;
        const at = x(event);
        if (at < area.left || at > area.right) return;
        drags.set(chart, { startX: at, currentX: at });
        canvas.setPointerCapture?.(event.pointerId);
      };
      const move = (event: PointerEvent) => {
        const drag = drags.get(chart);
        if (!drag) return;
        drag.currentX = Math.min(Math.max(x(event), chart.chartArea.left), chart.chartArea.right);
        chart.draw();
      };
      const up = () => {
        const drag = drags.get(chart);
        drags.set(chart, null);
        if (!drag) return;
        chart.draw();
        const scale = chart.scales.x!;
        if (Math.abs(drag.currentX - drag.startX) < MIN_DRAG_PX) {
          const at = scale.getValueForPixel(drag.startX);
          if (onPick && at !== undefined) onPick(Math.round(at));
          return;
        }
        const a = scale.getValueForPixel(drag.startX)!;
        const b = scale.getValueForPixel(drag.currentX)!;
        onZoom(Math.round(Math.min(a, b)), Math.round(Math.max(a, b)));
      };
      const cancel = () => {
        drags.set(chart, null);
        chart.draw();
      };
      canvas.addEventListener('pointerdown', down);
      canvas.addEventListener('pointermove', move);
      canvas.addEventListener('pointerup', up);
      canvas.addEventListener('pointercancel', cancel);
      cleanups.set(chart, () => {
        canvas.removeEventListener('pointerdown', down);
        canvas.removeEventListener('pointermove', move);
        canvas.removeEventListener('pointerup', up);
        canvas.removeEventListener('pointercancel', cancel);
      });
    },
    afterDraw(chart) {
      const drag = drags.get(chart);
      if (!drag) return;
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = shade;
      ctx.fillRect(Math.min(drag.startX, drag.currentX), top, Math.abs(drag.currentX - drag.startX), bottom - top);
      ctx.restore();
    },
    afterDestroy(chart) {
      cleanups.get(chart)?.();
    },
  };
}
