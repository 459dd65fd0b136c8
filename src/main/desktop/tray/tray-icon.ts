/**
 * The tray icon, drawn from code: a vertical bar filled from the bottom by CPU %, inside a frame.
 * Pure and integer-only, so the same input gives the same pixels on every platform and in tests.
 *
 * @example
 * const { width, height, rgba } = renderTrayIcon({ percent: 50, alert: 'none', paused: false }, 16, 'color');
 */
import { metricInfo } from '../../../shared/metrics.js';
import type { TrayState } from './tray-state.js';
import { isPaused, valueOf, worstAlert } from './tray-values.js';

export type IconSize = 16 | 20 | 24 | 32 | 48 | 64;
/** 'template': black + alpha, for macOS to tint for light/dark menu bars; 'color': Windows and Linux. */
export type IconStyle = 'template' | 'color';
export interface IconInput {
  readonly percent: number | null;
  readonly alert: 'none' | 'warning' | 'critical';
  readonly paused: boolean;
}
/** Alias of IconInput under the name the tray controller uses. */
export type TrayIconInput = IconInput;
/** Every size the renderer draws; iconKey's default, so no caller's size can miss a change. */
export const ICON_SIZES: readonly IconSize[] = [16, 20, 24, 32, 48, 64];
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Buffer;
}
type Rgba = readonly [number, number, number, number];

export const COLORS = {
  template: [0, 0, 0, 255],
  frame: [0x9a, 0xa0, 0xa6, 255], // mid grey: readable on both light and dark taskbars
  green: [0x34, 0xc7, 0x59, 255],
  amber: [0xff, 0x9f, 0x0a, 255],
  red: [0xff, 0x3b, 0x30, 255],
} as const satisfies Record<string, Rgba>;

/**
 * The icon's input from a TrayState: the first percent metric chosen for the title (CPU by default).
 *
 * @example
 * iconInput({ ...state, values: { 'cpu.total': 40 } }) // { percent: 40, alert: 'none', paused: false }
 */
export function iconInput(state: TrayState): IconInput {
  const key = state.metrics.find((k) => metricInfo(k)?.unit === 'percent') ?? 'cpu.total';
  return { percent: valueOf(state.values, key) ?? null, alert: worstAlert(state.alerts), paused: isPaused(state) };
}

function toInput(input: IconInput | TrayState): IconInput {
  return 'values' in input ? iconInput(input) : input;
}

/** Where things go at a given size; every coordinate is inclusive. */
function layout(size: number) {
  const t = Math.max(1, Math.floor(size / 16)); // frame thickness: 1 px at 16, scaled so @2x looks the same
  const x0 = Math.floor(size / 4);
  const x1 = x0 + Math.floor(size / 2) - 1;
  const y0 = Math.max(1, Math.floor(size / 8));
  const y1 = size - 1 - y0;
  const inner = { x0: x0 + t, x1: x1 - t, y0: y0 + t, y1: y1 - t };
  const dot = Math.max(3, Math.floor(size / 4)); // right of the bar (which ends at 3/4 of the width)
  return { t, x0, x1, y0, y1, inner, innerHeight: inner.y1 - inner.y0 + 1, innerWidth: inner.x1 - inner.x0 + 1, dot };
}

/** Filled rows for a percent: whole rows only, so the icon key can bucket by them. */
function fillRows(percent: number | null, innerHeight: number): number {
  if (percent === null || !Number.isFinite(percent)) return 0;
  const p = Math.min(100, Math.max(0, percent));
  return Math.min(innerHeight, Math.round((p * innerHeight) / 100));
}

function fillBand(percent: number): 'green' | 'amber' | 'red' {
  if (percent >= 90) return 'red';
  return percent >= 70 ? 'amber' : 'green';
}

/**
 * Draws the tray icon into an RGBA buffer (transparent background).
 *
 * @example
 * renderTrayIcon({ percent: null, alert: 'none', paused: false }, 16, 'template') // empty frame
 */
export function renderTrayIcon(input: IconInput | TrayState, size: IconSize, style: IconStyle): RgbaImage {
  const { percent, alert, paused } = toInput(input);
  const rgba = Buffer.alloc(size * size * 4);
  const paint = (color: Rgba) => (style === 'template' ? COLORS.template : color);
  const rect = (x0: number, y0: number, x1: number, y1: number, color: Rgba) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) rgba.set(paint(color), (y * size + x) * 4);
  };
  const g = layout(size);

  // Frame: four strips of thickness t.
  rect(g.x0, g.y0, g.x1, g.y0 + g.t - 1, COLORS.frame);
  rect(g.x0, g.y1 - g.t + 1, g.x1, g.y1, COLORS.frame);
  rect(g.x0, g.y0, g.x0 + g.t - 1, g.y1, COLORS.frame);
  rect(g.x1 - g.t + 1, g.y0, g.x1, g.y1, COLORS.frame);

  if (paused) {
    // A hollow bar with two pause strokes: stale values are not drawn as if they were live.
    const margin = Math.max(1, Math.floor(g.innerWidth / 6));
    const stroke = Math.max(1, Math.floor(g.innerWidth / 5));
    const top = g.inner.y0 + Math.floor(g.innerHeight / 4);
    const bottom = g.inner.y1 - Math.floor(g.innerHeight / 4);
    const left = g.inner.x0 + margin;
    const right = g.inner.x1 - margin - stroke + 1;
    rect(left, top, left + stroke - 1, bottom, COLORS.frame);
    rect(right, top, right + stroke - 1, bottom, COLORS.frame);
  } else {
    const rows = fillRows(percent, g.innerHeight);
    if (rows > 0 && percent !== null)
      rect(g.inner.x0, g.inner.y1 - rows + 1, g.inner.x1, g.inner.y1, COLORS[fillBand(percent)]);
  }

  if (alert !== 'none') {
    // A dot in the top-right corner with its corners clipped (from 4 px up) so it reads as round.
    const color = alert === 'critical' ? COLORS.red : COLORS.amber;
    const x0 = size - g.dot;
    for (let y = 0; y < g.dot; y++) {
      for (let x = x0; x < size; x++) {
        const corner = (y === 0 || y === g.dot - 1) && (x === x0 || x === size - 1);
        if (!(corner && g.dot >= 4)) rect(x, y, x, y, color);
      }
    }
  }
  return { width: size, height: size, rgba };
}

/**
 * A key that changes only when the drawn pixels would: percent is bucketed to filled rows at each
 * size in `sizes`, and the fill colour band, so a redraw can be skipped when it is unchanged. Pass the
 * sizes actually drawn for the tightest key; the default (every size) never misses a change.
 *
 * @example
 * iconKey({ percent: 41, alert: 'none', paused: false }) === iconKey({ percent: 43, alert: 'none', paused: false }) // true
 */
export function iconKey(input: IconInput | TrayState, sizes: IconSize | readonly IconSize[] = ICON_SIZES): string {
  const { percent, alert, paused } = toInput(input);
  const list: readonly IconSize[] = typeof sizes === 'number' ? [sizes] : sizes;
  let fill = 'p';
  if (!paused) {
    const rows = list.map((s) => fillRows(percent, layout(s).innerHeight));
    const color = percent === null ? '' : fillBand(percent);
    fill = rows.some((r) => r > 0) ? `${rows.join(',')}:${color}` : '0';
  }
  return `${fill}|${alert}`;
}
