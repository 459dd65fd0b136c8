/**
 * The digits tray icon, pixel by pixel. Legibility is tested by reading the pixels back: a
 * decoder that knows only the font segments the drawn glyphs, infers the scale, and must recover
 * the exact text at 16 and 24 px for every value the icon can show. Contrast is checked against
 * WCAG's ratio. Every icon drawn is also written as a PNG for a human to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from './png.js';
import type { RgbaImage } from './tray-icon.js';
import type { TrayState } from './tray-state.js';
import {
  compactNumber,
  DIGIT_COLORS,
  digitScales,
  digitsInput,
  digitsText,
  FONT,
  renderDigitsIcon,
  type DigitsInput,
} from './tray-digits.js';

const OUT = join(import.meta.dirname, '../../../../test-output/tray-icons');
const rendered = new Map<string, RgbaImage>();
afterAll(() => {
  mkdirSync(OUT, { recursive: true });
  for (const [name, img] of rendered)
    writeFileSync(join(OUT, `${name}.png`), encodePng(img.width, img.height, img.rgba));
});

function draw(input: DigitsInput, size: number): RgbaImage {
  const img = renderDigitsIcon(input, size);
  rendered.set(`digits-${size}-${input.text.replace('.', '_')}-${input.tone}-${input.alert}`, img);
  return img;
}
const px = (img: RgbaImage, x: number, y: number) => [
  ...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4),
];
const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);

/**
 * Reads the text back from the pixels in `color`: columns holding such pixels form glyphs, the
 * empty columns between them are the gaps; the one scale that makes every glyph a whole number
 * of cells of one colour, each matching a glyph of the font, gives the text. Null if none does.
 */
function readBack(img: RgbaImage, color: readonly number[]): string | null {
  const { width: size } = img;
  const on = (x: number, y: number) => same(px(img, x, y), color);
  const rows = [...Array(size).keys()].filter((y) => [...Array(size).keys()].some((x) => on(x, y)));
  const cols = [...Array(size).keys()].filter((x) => rows.some((y) => on(x, y)));
  if (rows.length === 0) return null;
  const top = rows[0]!;
  const height = rows.at(-1)! - top + 1;
  const runs: { start: number; end: number }[] = [];
  for (const x of cols) {
    const last = runs.at(-1);
    if (last && last.end === x - 1) last.end = x;
    else runs.push({ start: x, end: x });
  }
  for (let sx = 1; sx <= 8; sx++) {
    if (height % 5 !== 0) break;
    const sy = height / 5;
    const text: string[] = [];
    let ok = true;
    for (const run of runs) {
      const w = run.end - run.start + 1;
      if (w % sx !== 0) {
        ok = false;
        break;
      }
      const columns = w / sx;
      // Each cell must be one colour throughout, or the glyph is smeared.
      const bits: number[] = [];
      for (let r = 0; r < 5; r++) {
        let value = 0;
        for (let c = 0; c < columns; c++) {
          const lit = on(run.start + c * sx, top + r * sy);
          for (let dy = 0; dy < sy; dy++)
            for (let dx = 0; dx < sx; dx++) if (on(run.start + c * sx + dx, top + r * sy + dy) !== lit) ok = false;
          value = (value << 1) | (lit ? 1 : 0);
        }
        bits.push(value);
      }
      const glyph = Object.entries(FONT).find(
        ([name, shape]) => (name === '.' ? 1 : 3) === columns && shape.every((row, i) => row === bits[i]),
      );
      if (!glyph || !ok) {
        ok = false;
        break;
      }
      text.push(glyph[0]);
    }
    // The gaps between glyphs are one cell wide.
    for (let i = 1; ok && i < runs.length; i++) if (runs[i]!.start - runs[i - 1]!.end - 1 !== sx) ok = false;
    if (ok) return text.join('');
  }
  return null;
}

/** WCAG contrast ratio between two opaque colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const normal = (text: string): DigitsInput => ({ text, tone: 'normal', alert: 'none' });

describe('renderDigitsIcon', () => {
  const texts = [
    ...Array.from({ length: 101 }, (_, i) => String(i)),
    '999',
    '1.5K',
    '42K',
    '2.5G',
    '980M',
    '3.4',
    '12T',
  ];

  it.each([16, 24])('every value reads back exactly at %i px', (size) => {
    for (const text of texts) expect(readBack(draw(normal(text), size), DIGIT_COLORS.normal), text).toBe(text);
  });

  it('uses the whole icon: two digits 6×10 at 16 px, three 3×10; at 24 px 9×15 and 6×15', () => {
    expect(digitScales('42', 16)).toEqual({ x: 2, y: 2 });
    expect(digitScales('100', 16)).toEqual({ x: 1, y: 2 });
    expect(digitScales('42', 24)).toEqual({ x: 3, y: 3 });
    expect(digitScales('100', 24)).toEqual({ x: 2, y: 3 });
    // "42" at 16 px: a 14 px wide block, 1 px from each edge, rows 2 to 11.
    const img = draw(normal('42'), 16);
    expect(px(img, 1, 2)).toEqual([...DIGIT_COLORS.normal]); // the 4's top-left
    expect(px(img, 14, 11)).toEqual([...DIGIT_COLORS.normal]); // the 2's bottom-right
    expect(px(img, 7, 2)).toEqual([...DIGIT_COLORS.tile]); // the gap between them
    expect(px(img, 0, 0)).toEqual([0, 0, 0, 0]); // a cut corner
  });

  it('no value yet: two dashes across the middle', () => {
    const img = draw(normal('--'), 16);
    const lit = (y: number) => [...Array(16).keys()].filter((x) => same(px(img, x, y), DIGIT_COLORS.normal));
    expect(lit(6)).toEqual([1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14]);
    expect(lit(7)).toEqual(lit(6));
    expect([2, 3, 4, 5, 8, 9, 10, 11].map((y) => lit(y).length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('every glyph of the font is distinct', () => {
    const shapes = Object.values(FONT).map((rows) => rows.join(','));
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('digits stand out from the tile: contrast of at least 4.5:1 (3:1 when stale)', () => {
    for (const tone of ['normal', 'warning', 'critical'] as const)
      expect(contrast(DIGIT_COLORS[tone], DIGIT_COLORS.tile), tone).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DIGIT_COLORS.stale, DIGIT_COLORS.tile)).toBeGreaterThanOrEqual(3);
  });

  it('marks a firing alert with a strip along the bottom, and colours the digits by tone', () => {
    const img = draw({ text: '93', tone: 'critical', alert: 'warning' }, 16);
    expect(readBack(img, DIGIT_COLORS.critical)).toBe('93');
    expect(px(img, 8, 14)).toEqual([...DIGIT_COLORS.warning]);
    expect(px(draw(normal('93'), 16), 8, 14)).toEqual([...DIGIT_COLORS.tile]);
  });
});

describe('what the digits say', () => {
  const state = (
    values: Record<string, number>,
    metrics: string[],
    sampling: TrayState['sampling'] = 'running',
  ): TrayState => ({
    values,
    sampling,
    push: 'none',
    alerts: [],
    metrics,
  });

  it('fits any value in three glyphs', () => {
    expect([0, 7, 42.4, 99.6, 100, 999, 1000, 1530, 42_000, 999_400, 2.5e9, 3.4e12].map(compactNumber)).toEqual([
      '0',
      '7',
      '42',
      '100',
      '100',
      '999',
      '1.0K',
      '1.5K',
      '42K',
      '999K',
      '2.5G',
      '3.4T',
    ]);
    expect(compactNumber(Number.NaN)).toBe('--');
  });

  it('reads the first tray metric in its unit: percent, °C, bytes per second, GHz, probe latency in ms', () => {
    expect(digitsText('cpu.total', 23.6)).toBe('24');
    expect(digitsText('sensor.temp_celsius[k10temp/Tctl]', 65.3)).toBe('65');
    expect(digitsText('net.rx', 1_234_567)).toBe('1.2M');
    expect(digitsText('cpu.freq_hz[0]', 3_400_000_000)).toBe('3.4G');
    expect(digitsText('probe.connect_seconds[db]', 0.0123)).toBe('12');
    expect(digitsText('load.1', 1.53)).toBe('1.5');
    expect(digitsText('cpu.total', undefined)).toBe('--');
  });

  it('warns in colour for high percentages and temperatures; grey while paused', () => {
    expect(digitsInput(state({ 'cpu.total': 75 }, ['cpu.total'])).tone).toBe('warning');
    expect(digitsInput(state({ 'cpu.total': 95 }, ['cpu.total'])).tone).toBe('critical');
    expect(digitsInput(state({ 'sensor.temp_celsius[x/y]': 85 }, ['sensor.temp_celsius[x/y]'])).tone).toBe('warning');
    expect(digitsInput(state({ 'net.rx': 1e9 }, ['net.rx'])).tone).toBe('normal');
    expect(digitsInput(state({ 'cpu.total': 95 }, ['cpu.total'], 'paused'))).toEqual({
      text: '95',
      tone: 'stale',
      alert: 'none',
    });
  });
});
