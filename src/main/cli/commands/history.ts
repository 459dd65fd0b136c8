/** `dashlight history --metric M`: points for one or more series, at the tier the engine picks. */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import { formatValue } from '../../../shared/units.js';
import type { CliIo } from '../cli-io.js';
import { json, localTime, table } from '../format.js';
import { asUsageError, intFlag, openEngine, timeFlag, type CommonFlags } from '../options.js';
import { UsageError } from '../cli-io.js';

interface HistoryFlags extends CommonFlags {
  metric?: string[];
  from: string;
  to: string;
  points: string;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerHistory(program: Command, io: CliIo): void {
  program
    .command('history')
    .description('history of one or more series, e.g. --metric cpu.total --metric "net.rx[eth0]"')
    .option('--metric <key>', 'series key (repeat, or comma-separate)', collect)
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h', '-1h')
    .option('--to <time>', 'end: ISO 8601, now, or relative', 'now')
    .option('--points <n>', 'at most this many points per series', '60')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: HistoryFlags) => {
      if (!flags.metric?.length)
        throw new UsageError('--metric is required, e.g. --metric cpu.total (see the README for the metric list)');
      const now = io.now();
      let input;
      try {
        input = parseInput('history', {
          series: flags.metric,
          from: timeFlag('--from', flags.from, now),
          to: timeFlag('--to', flags.to, now),
          maxPoints: intFlag('--points', flags.points, 2, 20_000),
        });
      } catch (error) {
        throw asUsageError(error);
      }
      if (input.from >= input.to) throw new UsageError(`--from must be before --to`);
      const { engine, close } = await openEngine(flags, io);
      try {
        const result = await engine.history(input);
        if (flags.json) {
          io.out(json(result));
          return;
        }
        io.out(
          `tier ${result.tier}, ${result.aggregated ? `buckets of ${result.bucketMs / 1000}s (avg, min–max)` : 'raw points'}`,
        );
        for (const [key, series] of Object.entries(result.series)) {
          io.out(`\n${key}`);
          const rows = series.t.map((t, i) => {
            const avg = series.avg[i];
            if (avg === null || avg === undefined) return [localTime(t), 'gap'];
            const band =
              series.min && series.max
                ? `${formatValue(key, series.min[i] ?? Number.NaN)} – ${formatValue(key, series.max[i] ?? Number.NaN)}`
                : '';
            return [localTime(t), formatValue(key, avg), band];
          });
          io.out(rows.length > 0 ? table(rows) : '(no data in range)');
        }
      } finally {
        await close();
      }
    });
}
