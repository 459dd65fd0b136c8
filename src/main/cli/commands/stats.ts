/** `dashlight stats`: avg/min/max/p95 over a range (seed 000's GET /stats, plus every metric). */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import { formatValue } from '../../../shared/units.js';
import type { CliIo } from '../cli-io.js';
import { json, sortKeys, table } from '../format.js';
import { asUsageError, openEngine, timeFlag, type CommonFlags } from '../options.js';

interface StatsFlags extends CommonFlags {
  from?: string;
  to?: string;
}

export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description('summary statistics (avg, min, max, p95) over a range')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h')
    .option('--to <time>', 'end: ISO 8601, now, or relative')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: StatsFlags) => {
      const now = io.now();
      let input;
      try {
        input = parseInput('stats', { from: timeFlag('--from', flags.from, now), to: timeFlag('--to', flags.to, now) });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io);
      try {
        const result = await engine.stats(input);
        if (flags.json) {
          io.out(json(result));
          return;
        }
        const { start, end } = result.dateRange;
        io.out(
          `${result.totalRecords} sample${result.totalRecords === 1 ? '' : 's'} from ${start ?? '–'} to ${end ?? '–'} (resolution ${result.resolution})`,
        );
        const rows = sortKeys(Object.keys(result.metrics)).map((key) => {
          const s = result.metrics[key]!;
          return [
            key,
            formatValue(key, s.avg),
            formatValue(key, s.min),
            formatValue(key, s.max),
            formatValue(key, s.p95),
            String(s.count),
          ];
        });
        io.out(table(rows, ['series', 'avg', 'min', 'max', 'p95', 'points']));
      } finally {
        await close();
      }
    });
}
