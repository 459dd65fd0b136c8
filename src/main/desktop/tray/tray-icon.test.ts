import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAppIcon } from './app-icon.js';
import { encodePng } from './png.js';
import type { TrayState } from './tray-state.js';
import {
  COLORS,
  type IconInput,
  type IconSize,
  type IconStyle,
  iconInput,
  iconKey,
  type RgbaImage,
  renderTrayIcon,
} from './tray-icon.js';

// Every rendered icon is written here as a PNG for a human to look at.
const OUT = join(import.meta.dirname, '../../../../test-output/tray-icons');
const rendered = new Map<string, RgbaImage>();
afterAll(() => {
  mkdirSync(OUT, { recursive: true });
  for (const [name, img] of rendered)
    writeFileSync(join(OUT, `${name}.png`), encodePng(img.width, img.height, img.rgba));
});

function draw(input: IconInput, size: IconSize, style: IconStyle): RgbaImage {
  const img = renderTrayIcon(input, size, style);
  const name = `${style}-${size}-${input.paused ? 'paused' : (input.percent ?? 'idle')}-${input.alert}`;
  rendered.set(name, img);
  return img;
}
const px = (img: RgbaImage, x: number, y: number) => [
  ...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4),
];
const input = (percent: number | null, alert: IconInput['alert'] = 'none', paused = false): IconInput => ({
  percent,
  alert,
  paused,
});
const CLEAR = [0, 0, 0, 0];

// At 16 px the bar's frame is x 4..11, y 2..13; the inside is x 5..10, y 3..12 (10 rows).
describe('renderTrayIcon at 16 px', () => {
  it('draws an empty frame when idle', () => {
    const img = draw(input(null), 16, 'color');
    expect(img.rgba.length).toBe(16 * 16 * 4);
    expect(px(img, 4, 2)).toEqual([...COLORS.frame]);
    expect(px(img, 11, 13)).toEqual([...COLORS.frame]);
    expect(px(img, 4, 8)).toEqual([...COLORS.frame]);
    for (let y = 3; y <= 12; y++) expect(px(img, 7, y)).toEqual(CLEAR);
    expect(px(img, 0, 0)).toEqual(CLEAR);
  });

  it('fills from the bottom to the middle row at 50 %', () => {
    const img = draw(input(50), 16, 'color');
    for (let y = 8; y <= 12; y++) for (let x = 5; x <= 10; x++) expect(px(img, x, y)).toEqual([...COLORS.green]);
    for (let y = 3; y <= 7; y++) expect(px(img, 7, y)).toEqual(CLEAR);
  });

  it('colours the fill green, amber, red by load', () => {
    expect(px(draw(input(69), 16, 'color'), 7, 12)).toEqual([...COLORS.green]);
    expect(px(draw(input(70), 16, 'color'), 7, 12)).toEqual([...COLORS.amber]);
    const full = draw(input(100), 16, 'color');
    expect(px(full, 7, 12)).toEqual([...COLORS.red]);
    expect(px(full, 7, 3)).toEqual([...COLORS.red]);
  });

  it('marks a firing alert with a dot in the top-right corner', () => {
    const critical = draw(input(30, 'critical'), 16, 'color');
    expect(px(critical, 13, 1)).toEqual([...COLORS.red]);
    expect(px(critical, 15, 0)).toEqual(CLEAR); // clipped corner
    expect(px(draw(input(30, 'warning'), 16, 'color'), 13, 1)).toEqual([...COLORS.amber]);
    expect(px(draw(input(30), 16, 'color'), 13, 1)).toEqual(CLEAR);
  });

  it('draws a hollow bar with two pause strokes when paused', () => {
    const img = draw(input(80, 'none', true), 16, 'color');
    const row = [5, 6, 7, 8, 9, 10].map((x) => px(img, x, 8)[3]);
    expect(row).toEqual([0, 255, 0, 0, 255, 0]);
    expect(px(img, 6, 3)).toEqual(CLEAR); // strokes stop short of the frame
    expect(px(img, 7, 12)).toEqual(CLEAR); // no fill
  });

  it('uses only black with alpha in template style', () => {
    for (const i of [input(100, 'critical'), input(50, 'warning', true), input(null)]) {
      const img = draw(i, 16, 'template');
      for (let p = 0; p < img.rgba.length; p += 4) {
        expect([img.rgba[p], img.rgba[p + 1], img.rgba[p + 2]]).toEqual([0, 0, 0]);
      }
      expect(img.rgba.some((b, p) => p % 4 === 3 && b === 255)).toBe(true);
    }
  });
});

describe('renderTrayIcon at other sizes', () => {
  it('scales the layout and stays inside the canvas', () => {
    for (const size of [20, 24, 32, 48, 64] as const) {
      const half = draw(input(50, 'critical'), size, 'color');
      draw(input(95, 'warning', true), size, 'color');
      draw(input(50), size, 'template');
      expect(half.width).toBe(size);
      expect(
        px(half, Math.floor(size / 2), size - 1 - Math.floor(size / 8) - Math.max(1, Math.floor(size / 16))),
      ).toEqual([...COLORS.green]);
      expect(px(half, size - 2, 1)).toEqual([...COLORS.red]);
    }
  });

  it('is deterministic', () => {
    expect(renderTrayIcon(input(37), 32, 'color').rgba).toEqual(renderTrayIcon(input(37), 32, 'color').rgba);
  });
});

describe('iconInput and iconKey', () => {
  const state: TrayState = {
    values: { 'cpu.total': 42, 'mem.percent': 70 },
    sampling: 'running',
    push: 'none',
    alerts: [],
    metrics: ['net.rx', 'mem.percent'],
  };
  it('reads the first percent metric, the worst alert and pause', () => {
    expect(iconInput(state)).toEqual({ percent: 70, alert: 'none', paused: false });
    expect(iconInput({ ...state, metrics: [], values: {}, sampling: 'paused' })).toEqual({
      percent: null,
      alert: 'none',
      paused: true,
    });
    const alert = { instanceId: 1, ruleId: 'r', ruleName: 'x', series: 'cpu.total', severity: null, value: null };
    expect(iconInput({ ...state, alerts: [alert] }).alert).toBe('warning');
    expect(renderTrayIcon(state, 16, 'color').rgba).toEqual(renderTrayIcon(input(70), 16, 'color').rgba);
  });

  it('changes exactly when the pixels change', () => {
    const sizes: IconSize[] = [16, 32];
    const pixels = (i: IconInput) => Buffer.concat(sizes.flatMap((s) => [renderTrayIcon(i, s, 'color').rgba]));
    const cases = [null, 0, 1, 3, 41, 43, 50, 69.4, 69.6, 70, 89, 90, 99, 100, 120].flatMap((p) => [
      input(p),
      input(p, 'critical'),
      input(p, 'none', true),
    ]);
    for (const a of cases) {
      for (const b of cases) {
        expect(iconKey(a, sizes) === iconKey(b, sizes)).toBe(pixels(a).equals(pixels(b)));
      }
    }
    expect(iconKey(state)).toBe(iconKey(input(70)));
  });
});

describe('renderAppIcon', () => {
  it('draws a rounded dark square with three coloured bars', () => {
    const img = renderAppIcon(512);
    rendered.set('app-icon-512', img);
    expect(px(img, 0, 0)[3]).toBe(0);
    expect(px(img, 256, 20)).toEqual([0x1f, 0x24, 0x30, 255]);
    expect(px(img, 140, 370)).toEqual([...COLORS.green]);
    expect(px(img, 360, 200)).toEqual([...COLORS.red]);
  });
});
