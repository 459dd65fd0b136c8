import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBounds, sanitizeBounds, saveBounds } from './window-bounds.js';
import { MIN_HEIGHT, MIN_WIDTH } from './window-options.js';

describe('window bounds', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashlight-bounds-'));
    file = join(dir, 'nested', 'window-bounds.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through a JSON file', () => {
    expect(loadBounds(file)).toBeNull();
    saveBounds(file, { x: -100, y: 40, width: 1200, height: 800 });
    expect(loadBounds(file)).toEqual({ x: -100, y: 40, width: 1200, height: 800 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: -100, y: 40, width: 1200, height: 800 });
  });

  it('ignores a bad file', () => {
    saveBounds(file, { x: 0, y: 0, width: 800, height: 600 });
    for (const text of ['not json', '[]', 'null', '{"x":1,"y":2,"width":"wide","height":3}', '{"x":1}']) {
      writeFileSync(file, text);
      expect(loadBounds(file)).toBeNull();
    }
  });

  it('clamps to the minimum size and sane coordinates', () => {
    expect(sanitizeBounds({ x: 1e9, y: -1e9, width: 10, height: 0.5 })).toEqual({
      x: 100_000,
      y: -100_000,
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
    });
    expect(sanitizeBounds({ x: 1.4, y: 2.6, width: 900.2, height: 700.7 })).toEqual({
      x: 1,
      y: 3,
      width: 900,
      height: 701,
    });
    expect(sanitizeBounds({ x: Number.NaN, y: 0, width: 900, height: 700 })).toBeNull();
  });
});
