/**
 * The tray icon as digits (Windows and Linux, which show no title beside the icon): the chosen
 * series' value in a bitmap font on a dark tile, readable on light and dark taskbars. The font is
 * 3×5 pixels per glyph, scaled by whole pixels to fill the icon: two digits at 16 px are 6×10,
 * three are 3×10; at 24 px 9×20 and 6×20. Pure and integer-only, like the bar icon.
 *
 * @example
 * const { text, tone } = digitsInput(state); // { text: '42', tone: 'normal', … }
 * renderDigitsIcon({ text: '42', tone: 'normal', alert: 'none' }, 16) // { width: 16, height: 16, rgba }
 */
import { metricInfo } from '../../../shared/metrics.js';
import type { RgbaImage } from './tray-icon.js';
import type { TrayState } from './tray-state.js';
import { isPaused, valueOf, worstAlert } from './tray-values.js';

/** Each glyph: 5 rows of 3 bits, most significant bit on the left. '.' is one column wide. */
export const FONT: Readonly<Record<string, readonly number[]>> = {
  '0': [0b111, 0b101, 0b101, 0b101, 0b111],
  '1': [0b010, 0b110, 0b010, 0b010, 0b111],
  '2': [0b111, 0b001, 0b111, 0b100, 0b111],
  '3': [0b111, 0b001, 0b011, 0b001, 0b111],
  '4': [0b101, 0b101, 0b111, 0b001, 0b001],
  '5': [0b111, 0b100, 0b111, 0b001, 0b111],
  '6': [0b111, 0b100, 0b111, 0b101, 0b111],
  '7': [0b111, 0b001, 0b010, 0b010, 0b010],
  '8': [0b111, 0b101, 0b111, 0b101, 0b111],
  '9': [0b111, 0b101, 0b111, 0b001, 0b111],
  '-': [0b000, 0b000, 0b111, 0b000, 0b000],
  K: [0b101, 0b110, 0b100, 0b110, 0b101],
  M: [0b101, 0b111, 0b111, 0b101, 0b101],
  G: [0b111, 0b100, 0b101, 0b101, 0b111],
  T: [0b111, 0b010, 0b010, 0b010, 0b010],
  '.': [0b0, 0b0, 0b0, 0b0, 0b1],
};

const GLYPH_ROWS = 5;
const widthOf = (glyph: string) => (glyph === '.' ? 1 : 3);

export type DigitsTone = 'normal' | 'warning' | 'critical' | 'stale';

export interface DigitsInput {
  /** At most three wide glyphs and a '.', from FONT. */
  readonly text: string;
  readonly tone: DigitsTone;
  readonly alert: 'none' | 'warning' | 'critical';
}

type Rgba = readonly [number, number, number, number];

export const DIGIT_COLORS = {
  tile: [0x1f, 0x23, 0x28, 240],
  normal: [0xff, 0xff, 0xff, 255],
  warning: [0xff, 0xb3, 0x40, 255],
  critical: [0xff, 0x5a, 0x4f, 255],
  stale: [0x8a, 0x90, 0x96, 255],
} as const satisfies Record<string, Rgba>;

/**
 * A value in three glyphs at most: whole numbers up to 999, then K, M, G, T (a '.' below 10 of
 * them); one decimal for small loads and GHz; '--' when there is nothing to show.
 *
 * @example
 * compactNumber(42.4) // '42'
 * compactNumber(1530) // '1.5K'
 * compactNumber(2.5e9) // '2.5G'
 */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '--';
  if (value < 10 && !Number.isInteger(value))
    return Math.round(value * 10) % 10 === 0 ? String(Math.round(value)) : value.toFixed(1);
  if (value < 999.5) return String(Math.round(value));
  const units = ['K', 'M', 'G', 'T'];
  let scaled = value;
  for (const unit of units) {
    scaled /= 1000;
    if (scaled < 9.95) return `${scaled.toFixed(1)}${unit}`;
    if (scaled < 999.5) return `${Math.round(scaled)}${unit}`;
  }
  return '--';
}

/** What the icon shows for a series' value, by its unit. */
export function digitsText(key: string, value: number | undefined): string {
  if (value === undefined) return '--';
  switch (metricInfo(key)?.unit) {
    case 'seconds':
      // Probe latency: milliseconds.
      return compactNumber(value * 1000);
    case 'load':
    case 'watts':
      return compactNumber(value < 10 ? Math.round(value * 10) / 10 : value);
    default:
      return compactNumber(value);
  }
}

/** Percentages and temperatures warn and alarm in colour; other units stay neutral. */
function toneOf(key: string, value: number | undefined): DigitsTone {
  const unit = metricInfo(key)?.unit;
  if (value === undefined) return 'normal';
  if (unit === 'percent') return value >= 90 ? 'critical' : value >= 70 ? 'warning' : 'normal';
  if (unit === 'celsius') return value >= 90 ? 'critical' : value >= 80 ? 'warning' : 'normal';
  return 'normal';
}

/** The digits icon's input from a TrayState: the first series chosen in settings. */
export function digitsInput(state: TrayState): DigitsInput {
  const key = state.metrics[0] ?? 'cpu.total';
  const value = valueOf(state.values, key);
  return {
    text: digitsText(key, value),
    tone: isPaused(state) ? 'stale' : toneOf(key, value),
    alert: worstAlert(state.alerts),
  };
}

/** The whole-pixel scales for `text` at `size`: as wide as fits, and up to twice as tall. */
export function digitScales(text: string, size: number): { x: number; y: number } {
  const glyphs = [...text];
  const width = glyphs.reduce((sum, g) => sum + widthOf(g), 0) + glyphs.length - 1;
  const room = size - 2;
  const x = Math.max(1, Math.floor(room / width));
  return { x, y: Math.max(1, Math.min(Math.floor((room - Math.ceil(size / 8)) / GLYPH_ROWS), 2 * x)) };
}

/**
 * Draws the digits icon: a dark tile, the text centred, and a strip along the bottom in the
 * alert's colour while one fires.
 */
export function renderDigitsIcon(input: DigitsInput, size: number): RgbaImage {
  const rgba = Buffer.alloc(size * size * 4);
  const set = (x: number, y: number, color: Rgba) => rgba.set(color, (y * size + x) * 4);
  // The tile, its corners cut so it reads as rounded.
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const corner = (x === 0 || x === size - 1) && (y === 0 || y === size - 1);
      if (!corner) set(x, y, DIGIT_COLORS.tile);
    }
  const glyphs = [...input.text].filter((g) => FONT[g] !== undefined);
  const scale = digitScales(glyphs.join(''), size);
  const width = (glyphs.reduce((sum, g) => sum + widthOf(g), 0) + glyphs.length - 1) * scale.x;
  const strip = Math.max(1, Math.floor(size / 12));
  let left = Math.floor((size - width) / 2);
  const top = Math.floor((size - strip - GLYPH_ROWS * scale.y) / 2);
  const color = DIGIT_COLORS[input.tone];
  for (const glyph of glyphs) {
    const rows = FONT[glyph]!;
    const columns = widthOf(glyph);
    for (let row = 0; row < GLYPH_ROWS; row++)
      for (let column = 0; column < columns; column++) {
        if (!((rows[row]! >> (columns - 1 - column)) & 1)) continue;
        for (let dy = 0; dy < scale.y; dy++)
          for (let dx = 0; dx < scale.x; dx++) set(left + column * scale.x + dx, top + row * scale.y + dy, color);
      }
    left += (columns + 1) * scale.x;
  }
  if (input.alert !== 'none') {
    const alert = input.alert === 'critical' ? DIGIT_COLORS.critical : DIGIT_COLORS.warning;
    for (let y = size - strip - 1; y < size - 1; y++) for (let x = 2; x < size - 2; x++) set(x, y, alert);
  }
  return { width: size, height: size, rgba };
}

/** A key that changes only when the drawn digits icon would. */
export function digitsKey(input: DigitsInput): string {
  return `${input.text}|${input.tone}|${input.alert}`;
}
