/**
 * The shape the dashboard keeps (see the README's Dashboard section): Chart.js and its date
 * adapter are reached only from lib/charts, the chart modules import each other one way only,
 * and no state is a module-level singleton (AppState makes one of each per page).
 */
import { describe, expect, it } from 'vitest';

// The renderer's own sources as text, through Vite (the renderer may not import Node's fs).
const texts = import.meta.glob(['/src/renderer/**/*.ts', '/src/renderer/**/*.svelte', '!/src/renderer/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const sources = Object.entries(texts).map(([path, text]) => ({ path: path.replace(/^\/src\/renderer\//, ''), text }));

describe('the renderer', () => {
  it('reaches Chart.js, its date adapter and date-fns only from lib/charts', () => {
    const outside = sources.filter(
      ({ path, text }) =>
        !path.startsWith('lib/charts/') && /from '(chart\.js|chartjs-adapter-date-fns|date-fns)/.test(text),
    );
    expect(outside.map((f) => f.path)).toEqual([]);
  });

  it('reads every source', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some((f) => f.path === 'App.svelte')).toBe(true);
  });

  it('has no import cycle between the band columns and the chart', () => {
    const band = sources.find((f) => f.path === 'lib/charts/band-columns.ts')!;
    expect(band.text).not.toMatch(/time-series-chart/);
  });

  it('keeps no state in module-level singletons', () => {
    const singletons = sources.filter(({ text }) => /^export const \w+ = new [A-Z]\w*\(/m.test(text));
    expect(singletons.map((f) => f.path)).toEqual([]);
  });
});
