/**
 * Remembers where the dashboard window was: a small JSON file in the user data folder. The
 * window is destroyed on close (to give its memory back), so this file is what makes the next
 * one open where the last one was. A missing or bad file just means "use the defaults".
 *
 * @example
 * const file = join(app.getPath('userData'), 'window-bounds.json');
 * const bounds = loadBounds(file); // null the first time
 * saveBounds(file, win.getBounds());
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIN_HEIGHT, MIN_WIDTH, type WindowBounds } from './window-options.js';

/** Far beyond any real display wall; a larger number is a corrupt file, not a window. */
const MAX_COORDINATE = 100_000;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Validates and clamps: integers, size at least the window minimum, everything within ±100 000 px. */
export function sanitizeBounds(value: unknown): WindowBounds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (![x, y, width, height].every(isFiniteNumber)) return null;
  const clamp = (n: number, min: number) => Math.min(MAX_COORDINATE, Math.max(min, Math.round(n)));
  return {
    x: clamp(x as number, -MAX_COORDINATE),
    y: clamp(y as number, -MAX_COORDINATE),
    width: clamp(width as number, MIN_WIDTH),
    height: clamp(height as number, MIN_HEIGHT),
  };
}

/** The saved bounds, or null when there are none or the file is unreadable (never throws). */
export function loadBounds(file: string): WindowBounds | null {
  try {
    return sanitizeBounds(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Writes atomically (temp file, then rename) so a crash mid-write leaves the old bounds. */
export function saveBounds(file: string, bounds: WindowBounds): void {
  const clean = sanitizeBounds(bounds);
  if (!clean) return;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(clean)}\n`, 'utf8');
  renameSync(temp, file);
}
