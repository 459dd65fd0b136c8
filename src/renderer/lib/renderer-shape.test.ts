/**
 * The shape the dashboard keeps (see the README's Dashboard section): Chart.js and its date
 * adapter are reached only from lib/charts, the chart modules import each other one way only,
 * and no state is a module-level singleton (AppState makes one of each per page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const sources = files(ROOT).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

describe('the renderer', () => {
  it('reaches Chart.js, its date adapter and date-fns only from lib/charts', () => {
    const outside = sources.filter(
      ({ path, text }) =>
        !path.startsWith(join('lib', 'charts')) && /from '(chart\.js|chartjs-adapter-date-fns|date-fns)/.test(text),
    );
    expect(outside.map((f) => f.path)).toEqual([]);
  });

  it('has no import cycle between the band columns and the chart', () => {
    const band = sources.find((f) => f.path === join('lib', 'charts', 'band-columns.ts'))!;
    expect(band.text).not.toMatch(/time-series-chart/);
  });

  it('keeps no state in module-level singletons', () => {
    const singletons = sources.filter(({ text }) => /^export const \w+ = new [A-Z]\w*\(/m.test(text));
    expect(singletons.map((f) => f.path)).toEqual([]);
  });
});
