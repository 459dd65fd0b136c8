/**
 * `dashlight top`: the apps that used the most CPU, memory or disk I/O over a range, from the
 * process history (`dashlight run` or the desktop app records it). One row per app: CPU time and
 * its share of the machine, peak memory, I/O, and the busiest process with its command line.
 */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import { PROCESS_RANKINGS, type TopProcessesResult } from '../../../shared/processes.js';
import { formatDuration } from '../../../shared/time.js';
import { formatCount, formatParts } from '../../../shared/units.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli-io.js';
import { json, localTime, table, type Cell, type Quantity } from '../format.js';
import { asUsageError, intFlag, openEngine, rangeFlags, type CommonFlags } from '../options.js';

interface TopFlags extends CommonFlags {
  from: string;
  to: string;
  by: string;
  limit: string;
}

const RANKED_BY = { cpu: 'CPU time', memory: 'peak memory', io: 'disk I/O' } as const;
/** Command lines are cut to this many characters in the table (--json has them whole). */
const COMMAND_CHARS = 60;

export function registerTop(program: Command, io: CliIo): void {
  program
    .command('top')
    .description('the apps that used the most CPU, memory or disk I/O over a range (process history)')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h', '-5m')
    .option('--to <time>', 'end: ISO 8601, now, or relative', 'now')
    .option('--by <what>', 'rank by cpu, memory or io', 'cpu')
    .option('--limit <n>', 'how many apps', '10')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: TopFlags) => {
      if (!(PROCESS_RANKINGS as readonly string[]).includes(flags.by)) {
        throw new UsageError(`--by: "${flags.by}" is not one of ${PROCESS_RANKINGS.join(', ')}`);
      }
      const { from, to } = rangeFlags(flags, io.now());
      const limit = intFlag('--limit', flags.limit, 1, 100);
      let input;
      try {
        input = parseInput('topProcesses', { from, to, by: flags.by, limit });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const result = await engine.topProcesses(input);
        io.out(flags.json ? json(result) : topText(result));
      } finally {
        await close();
      }
    });
}

const seconds = (value: number): Quantity => ({ number: value.toFixed(1), unit: 's' });
const parts = (unit: 'percent' | 'bytes', value: number | null): Quantity => formatParts(unit, value);

/** The headline (ranking, range, what was read), then one row per app. */
export function topText(result: TopProcessesResult): string {
  if (result.apps.length === 0) {
    return result.coveredMs === 0
      ? 'No process history in this range: "dashlight run" (or the desktop app) records it every few seconds.'
      : `No app used any ${RANKED_BY[result.by]} in this range.`;
  }
  const headline =
    `Top apps by ${RANKED_BY[result.by]} from ${localTime(result.from)} to ${localTime(result.to)}: ` +
    `${formatDuration(result.coveredMs)} of readings in ${formatDuration(result.bucketMs)} buckets, ` +
    `${formatCount(result.cores)} cores, ${result.totalCpuSeconds.toFixed(1)} CPU-seconds in all`;
  const rows = result.apps.map((app): Cell[] => [
    app.app,
    app.kind,
    seconds(app.cpuSeconds),
    parts('percent', app.cpuShare * 100),
    parts('bytes', app.peakRssBytes),
    parts('bytes', app.ioBytes),
    { number: String(app.topPid), unit: '' },
    app.command.length > COMMAND_CHARS ? `${app.command.slice(0, COMMAND_CHARS - 1)}…` : app.command,
  ]);
  const columns = ['app', 'kind', 'CPU time', 'share', 'peak memory', 'disk I/O', 'pid', 'command'];
  return `${headline}\n${table(
    columns.map((header) => ({ header })),
    rows,
  )}`;
}
