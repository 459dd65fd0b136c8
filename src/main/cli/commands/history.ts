/** `dashlight history --metric M`: points for one or more series, at the tier the engine picks. */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import type { HistoryResult, HistorySeries } from '../../../shared/queries.js';
import { formatDuration } from '../../../shared/time.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli-io.js';
import { json, localTime, quantity, table, type Cell } from '../format.js';
import { asUsageError, intFlag, openEngine, rangeFlags, type CommonFlags } from '../options.js';
import { checkSeries } from '../series-names.js';

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
    .option('--metric <key>', 'series key (repeat, or comma-separate); "dashlight metrics" lists them', collect)
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h', '-1h')
    .option('--to <time>', 'end: ISO 8601, now, or relative', 'now')
    .option('--points <n>', 'at most this many points per series', '60')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: HistoryFlags) => {
      if (!flags.metric?.length)
        throw new UsageError('--metric is required, e.g. --metric cpu.total ("dashlight metrics" lists every series)');
      const range = rangeFlags(flags, io.now());
      const maxPoints = intFlag('--points', flags.points, 2, 20_000);
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        checkSeries('--metric', flags.metric, engine.knownSeries());
        let input;
        try {
          input = parseInput('history', { series: flags.metric, ...range, maxPoints });
        } catch (error) {
          throw asUsageError(error);
        }
        const result = await engine.history(input);
        io.out(flags.json ? json(result) : historyText(result));
      } finally {
        await close();
      }
    });
}

/** A header line for the tier, then one table per series: time, then the value (or avg, min, max). */
export function historyText(result: HistoryResult): string {
  const how = result.aggregated ? `buckets of ${formatDuration(result.bucketMs)} (avg, min, max)` : 'raw points';
  const blocks = Object.entries(result.series).map(([key, series]) => `${key}\n${seriesTable(key, series)}`);
  return [`tier ${result.tier}: ${how}`, ...blocks].join('\n\n');
}

function seriesTable(key: string, series: HistorySeries): string {
  if (series.t.length === 0) return '(no data in range)';
  const banded = series.min !== undefined && series.max !== undefined;
  const rows = series.t.map((t, i): Cell[] => {
    const avg = series.avg[i];
    if (avg === null || avg === undefined) return [localTime(t), 'gap'];
    return banded
      ? [localTime(t), quantity(key, avg), quantity(key, series.min![i]), quantity(key, series.max![i])]
      : [localTime(t), quantity(key, avg)];
  });
  const columns = banded ? ['time', 'avg', 'min', 'max'] : ['time', 'value'];
  return table(
    columns.map((header) => ({ header })),
    rows,
  );
}
