/**
 * The application icon: a rounded dark square with the three-bar gauge motif (low, mid, high in the
 * tray's green, amber, red), drawn with the same plain RGBA approach as the tray icon.
 *
 * @example
 * writeFileSync('resources/icon.png', encodePng(512, 512, renderAppIcon(512).rgba));
 */
import { COLORS, type RgbaImage } from './tray-icon.js';

const BACKGROUND = [0x1f, 0x24, 0x30] as const;
const SAMPLES = 4; // per axis: 16 sub-pixels smooth the rounded corners, the only curved edge

/** How many of the SAMPLES² sub-pixel centres of pixel (x, y) fall inside the rounded square. */
function coverage(x: number, y: number, size: number, radius: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      // Sub-pixel centres in units of 1/(2·SAMPLES) px, so all the arithmetic stays in integers.
      const px = (x * SAMPLES + sx) * 2 + 1;
      const py = (y * SAMPLES + sy) * 2 + 1;
      const full = size * SAMPLES * 2;
      const r = radius * SAMPLES * 2;
      const cx = Math.min(Math.max(px, r), full - r);
      const cy = Math.min(Math.max(py, r), full - r);
      if ((px - cx) ** 2 + (py - cy) ** 2 <= r * r) inside++;
    }
  }
  return inside;
}

/**
 * Renders the app icon at `size` px (512 for the source PNG the packager scales from).
 *
 * @example
 * renderAppIcon(512).rgba.length // 512 * 512 * 4
 */
export function renderAppIcon(size: number): RgbaImage {
  const rgba = Buffer.alloc(size * size * 4);
  const radius = Math.floor((size * 9) / 50); // ~18 %: close to the macOS Big Sur squircle's corners
  const total = SAMPLES * SAMPLES;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, radius);
      if (c === 0) continue;
      rgba.set([...BACKGROUND, Math.floor((255 * c) / total)], (y * size + x) * 4);
    }
  }
  // Three bars on a common baseline, rising left to right, each in its load colour.
  const bar = Math.floor(size / 7);
  const gap = Math.floor(size / 14);
  const left = Math.floor((size - 3 * bar - 2 * gap) / 2);
  const base = size - Math.floor(size / 4);
  const heights = [Math.floor(size / 5), Math.floor((size * 7) / 20), Math.floor(size / 2)];
  const colors = [COLORS.green, COLORS.amber, COLORS.red];
  heights.forEach((h, i) => {
    const x0 = left + i * (bar + gap);
    for (let y = base - h; y < base; y++) {
      for (let x = x0; x < x0 + bar; x++) rgba.set(colors[i]!, (y * size + x) * 4);
    }
  });
  return { width: size, height: size, rgba };
}
