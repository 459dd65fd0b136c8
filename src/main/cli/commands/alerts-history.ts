/** `dashlight alerts history`: stored alerts, newest first, with the processes captured on firing. */
import type { Command } from 'commander';
import type { AlertInstance } from '../../../shared/alerts.js';
import { parseInput } from '../../../shared/contract.js';
import { formatDuration } from '../../../shared/time.js';
import type { CliIo } from '../cli-io.js';
import { count, json, localTime, quantity, table, type Cell } from '../format.js';
import { asUsageError, intFlag, openEngine, rangeFlags, type CommonFlags } from '../options.js';

interface HistoryFlags extends CommonFlags {
  from?: string;
  to?: string;
  state?: string;
  rule?: string;
  limit?: string;
}

export function registerAlertHistory(command: Command, io: CliIo): void {
  command
    .description('alerts that fired, newest first')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -7d')
    .option('--to <time>', 'end: ISO 8601, now, or relative')
    .option('--state <state>', 'firing or resolved')
    .option('--rule <id>', 'only this rule')
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (flags: HistoryFlags) => {
      const now = io.now();
      let input;
      try {
        input = parseInput('alertHistory', {
          ...rangeFlags(flags, now),
          state: flags.state,
          rule: flags.rule,
          limit: intFlag('--limit', flags.limit, 1, 1000),
        });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const result = await engine.alertHistory(input);
        if (flags.json) {
          io.out(json(result));
          return;
        }
        if (result.data.length === 0) {
          io.out('No alerts in this range.');
          return;
        }
        const headers = ['id', 'rule', 'series', 'severity', 'state', 'fired', 'lasted', 'peak', 'ack', 'top process'];
        io.out(
          table(
            headers.map((header) => ({ header })),
            result.data.map((a) => row(a, now)),
          ),
        );
        if (result.total > result.data.length)
          io.out(`(${result.data.length} of ${result.total}; use --limit or --from to see more)`);
      } finally {
        await close();
      }
    });
}

function row(a: AlertInstance, now: number): Cell[] {
  const top = a.topProcesses?.byCpu[0];
  return [
    count(a.id),
    a.ruleId,
    a.series,
    a.severity,
    a.state,
    localTime(a.firedAt),
    formatDuration((a.resolvedAt ?? now) - a.since),
    quantity(a.series, a.peak),
    a.acknowledgedAt ? 'yes' : 'no',
    top ? `${top.name} (${top.pid}) ${Math.round(top.cpuPercent)} % CPU` : '–',
  ];
}
