import { describe, expect, it } from 'vitest';
import { Sparkline } from './sparkline.js';

/** A canvas whose 2D context records the path calls made on it. */
function recordingCanvas(width: number, height: number) {
  const calls: string[] = [];
  const context = new Proxy({} as Record<string, unknown>, {
    get: (target, key: string) =>
      key in target ? target[key] : (...args: number[]) => calls.push(`${key}(${args.map(Math.round).join(',')})`),
    set: (target, key: string, value) => {
      target[key] = value;
      return true;
    },
  });
  const box = document.createElement('div');
  Object.defineProperty(box, 'clientWidth', { value: width });
  Object.defineProperty(box, 'clientHeight', { value: height });
  const canvas = document.createElement('canvas');
  canvas.getContext = (() => context) as unknown as HTMLCanvasElement['getContext'];
  box.append(canvas);
  return { canvas, calls };
}

const paths = (calls: string[]) => calls.filter((c) => /^(moveTo|lineTo|stroke|fill)\(/.test(c));

describe('Sparkline', () => {
  it('scales points into the canvas and fills under the line', () => {
    const { canvas, calls } = recordingCanvas(100, 52);
    const spark = new Sparkline(canvas, { series: [{ key: 'a', label: 'A' }], yMax: 100 });
    spark.setSeries('a', [
      { x: 0, y: 0 },
      { x: 50, y: 50 },
      { x: 100, y: 100 },
    ]);
    spark.setXRange(0, 100);
    spark.render();
    // 52 px tall with 1.25 px of room at each end: 0 % sits at 50.75, 100 % at 1.25.
    expect(paths(calls)).toEqual([
      'moveTo(0,51)',
      'lineTo(50,26)',
      'lineTo(100,1)',
      'stroke()',
      'lineTo(100,51)',
      'lineTo(0,51)',
      'fill()',
    ]);
  });

  it('breaks the line at a null and slides with the window', () => {
    const { canvas, calls } = recordingCanvas(100, 52);
    const spark = new Sparkline(canvas, { series: [{ key: 'a', label: 'A' }], yMax: 100, area: false });
    spark.append('a', 10, 10);
    spark.append('a', 20, 20);
    spark.append('a', 40, 40, true);
    spark.append('a', 50, 50);
    spark.trimBefore(15);
    expect(spark.points('a').map((p) => p.x)).toEqual([20, 39, 40, 50]);
    spark.setXRange(0, 100);
    spark.render();
    expect(paths(calls).filter((c) => c.startsWith('moveTo') || c === 'stroke()')).toEqual([
      'moveTo(20,41)',
      'stroke()',
      'moveTo(40,31)',
      'stroke()',
    ]);
  });

  it('draws one column per pixel, from its min to its max, when points outnumber pixels', () => {
    const { canvas, calls } = recordingCanvas(10, 52);
    const spark = new Sparkline(canvas, { series: [{ key: 'a', label: 'A' }], yMax: 100, area: false });
    // 100 points over 10 px: each column holds a 0 and, once, a 100 spike.
    spark.setSeries(
      'a',
      Array.from({ length: 100 }, (_, i) => ({ x: i, y: i === 42 ? 100 : 0 })),
    );
    spark.setXRange(0, 99);
    spark.render();
    const drawn = paths(calls).filter((c) => c !== 'stroke()');
    expect(drawn.length).toBeLessThanOrEqual(2 * 11);
    expect(drawn).toContain('lineTo(4,1)');
  });
});
