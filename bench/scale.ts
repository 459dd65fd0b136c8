/**
 * `scale` section: every query costs what it returns, and a machine with many entities costs what
 * a laptop does (docs/ARCHITECTURE.md, "Budgets"). Each part measures its figures as ratios within
 * this run:
 * - history for every range from 1 h to 5 y, steady and after an interval change (scale-history.ts);
 * - 845 against 45 series: stats memory, history time (scale-wide.ts);
 * - 200 against 1 network interface in namespaces, and CPU per tick (scale-netns.ts);
 * - serve-mode RSS through a 50-request tour (scale-serve.ts).
 *
 * A part that fails is reported as NOT RUN with the reason, and the others still run.
 * BENCH_SCALE_PARTS (history, wide, netns, serve; comma-separated) runs only some of them.
 */
import type { BenchResult } from './report.js';
import { historyData, historyFigures } from './scale-history.js';
import { interfaceFigures } from './scale-netns.js';
import { serveFigures } from './scale-serve.js';
import { wideFigures } from './scale-wide.js';
import type { BenchContext, BenchSection } from './section.js';

export const scaleSection: BenchSection = {
  name: 'scale',
  title: 'queries cost what they return; 200 interfaces and 845 series cost what a laptop does',
  run: measureScale,
};

const PARTS = process.env.BENCH_SCALE_PARTS?.split(',').map((p) => p.trim());

async function part(
  ctx: BenchContext,
  name: string,
  id: string,
  work: () => Promise<BenchResult[]>,
): Promise<BenchResult[]> {
  if (PARTS && !PARTS.includes(id)) return [];
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.fail(`${name}: ${message}`);
    return [{ name, value: null, unit: '', note: `threw: ${message}` }];
  }
}

async function measureScale(ctx: BenchContext): Promise<BenchResult[]> {
  // End on the current hour, as the storage section does: "last 1 h … last 5 y" as the view asks.
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  let yearFile: string | null = null;
  const results = await part(ctx, 'history ranges', 'history', async () => {
    const history = await historyFigures(ctx, end);
    yearFile = history.yearFile;
    return history.rows;
  });
  results.push(...(await part(ctx, 'many series', 'wide', () => wideFigures(ctx, end))));
  results.push(...(await part(ctx, 'many interfaces', 'netns', () => interfaceFigures(ctx))));
  results.push(
    ...(await part(ctx, 'serve-mode memory', 'serve', async () => {
      yearFile ??= (await historyData(ctx, end)).steady;
      return serveFigures(ctx, yearFile);
    })),
  );
  return results;
}
