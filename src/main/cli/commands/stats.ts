/** `dashlight stats`: the CPU, memory and disk summary, then avg/min/max/p95 of every series over a range. */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import type { StatsResult, Summary } from '../../../shared/queries.js';
import { tierWords } from '../../../shared/tiers.js';
import type { CliIo } from '../cli-io.js';
import { count, json, localTime, nothingStored, quantity, sortKeys, table, type Cell } from '../format.js';
import { asUsageError, openEngine, rangeFlags, type CommonFlags } from '../options.js';

interface StatsFlags extends CommonFlags {
  from?: string;
  to?: string;
}

export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description('CPU, memory and disk summary, and avg/min/max/p95 of every series over a range')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h (default: the oldest sample)')
    .option('--to <time>', 'end: ISO 8601, now, or relative (default: now)')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: StatsFlags) => {
      let input;
      try {
        input = parseInput('stats', rangeFlags(flags, io.now()));
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const result = await engine.stats(input);
        io.out(flags.json ? json(result) : statsText(result, flags.from !== undefined || flags.to !== undefined));
      } finally {
        await close();
      }
    });
}

/**
 * The headline (how many samples, from when to when, from which tier), the CPU / memory / disk
 * summary, then every series.
 */
export function statsText(result: StatsResult, ranged: boolean): string {
  const { start, end } = result.dateRange;
  if (result.totalRecords === 0 || start === null || end === null) return nothingStored(ranged);
  const samples = `${result.totalRecords.toLocaleString('en-US')} sample${result.totalRecords === 1 ? '' : 's'}`;
  const headline = `${samples} from ${localTime(Date.parse(start))} to ${localTime(Date.parse(end))}, from ${result.resolution === 'raw' ? 'raw samples' : `${tierWords(result.resolution)} buckets`}`;
  const summaryRow = (label: string, key: string, s: Summary | null): Cell[] => [
    label,
    ...[s?.avg, s?.min, s?.max, s?.p95].map((v) => quantity(key, v)),
  ];
  const summary = table(
    ['summary', 'avg', 'min', 'max', 'p95'].map((header) => ({ header })),
    [
      summaryRow('CPU busy', 'cpu.total', result.cpu),
      summaryRow('Memory used', 'mem.percent', result.memory),
      summaryRow('Disk used (all mounts)', 'disk.used_pct', result.disk),
    ],
  );
  const rows = sortKeys(Object.keys(result.metrics)).map((key): Cell[] => {
    const s = result.metrics[key]!;
    return [
      key,
      quantity(key, s.avg),
      quantity(key, s.min),
      quantity(key, s.max),
      quantity(key, s.p95),
      count(s.count),
    ];
  });
  const series = table(
    ['series', 'avg', 'min', 'max', 'p95', 'points'].map((header) => ({ header })),
    rows,
  );
  return `${headline}\n\n${summary}\n\n${series}`;
}
