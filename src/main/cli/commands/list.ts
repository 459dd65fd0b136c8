/** `dashlight list`: raw samples, newest first, a page at a time (seed 000's GET /). */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import { formatValue } from '../../../shared/units.js';
import type { CliIo } from '../cli-io.js';
import { json, localTime, table } from '../format.js';
import { asUsageError, intFlag, openEngine, timeFlag, type CommonFlags } from '../options.js';

interface ListFlags extends CommonFlags {
  from?: string;
  to?: string;
  page?: string;
  limit?: string;
}

const COLUMNS = ['cpu.total', 'mem.percent', 'load.1', 'net.rx', 'net.tx', 'disk.read', 'disk.write'];

export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('list raw samples, newest first, with pagination')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h')
    .option('--to <time>', 'end: ISO 8601, now, or relative')
    .option('--page <n>', 'page number, from 1', '1')
    .option('--limit <n>', 'samples per page, 1 to 5000', '50')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: ListFlags) => {
      const now = io.now();
      let input;
      try {
        input = parseInput('list', {
          from: timeFlag('--from', flags.from, now),
          to: timeFlag('--to', flags.to, now),
          page: intFlag('--page', flags.page, 1, Number.MAX_SAFE_INTEGER),
          limit: intFlag('--limit', flags.limit, 1, 5000),
        });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io);
      try {
        const result = await engine.list(input);
        if (flags.json) {
          io.out(json(result));
          return;
        }
        const { page, totalPages, total } = result.pagination;
        const rows = result.data.map((s) => [
          localTime(s.ts),
          ...COLUMNS.map((key) => (s.values[key] === undefined ? '–' : formatValue(key, s.values[key]!))),
          s.gapBefore ? 'gap before' : '',
        ]);
        io.out(table(rows, ['time', ...COLUMNS, '']));
        io.out(`page ${page} of ${totalPages} (${total} samples)`);
      } finally {
        await close();
      }
    });
}
