/** `dashlight list`: raw samples, newest first, a page at a time. */
import type { Command } from 'commander';
import { parseInput } from '../../../shared/contract.js';
import type { ListResult } from '../../../shared/queries.js';
import type { CliIo } from '../cli-io.js';
import { json, localTime, nothingStored, quantity, table, type Cell } from '../format.js';
import { asUsageError, intFlag, openEngine, rangeFlags, type CommonFlags } from '../options.js';

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
      let input;
      try {
        input = parseInput('list', {
          ...rangeFlags(flags, io.now()),
          page: intFlag('--page', flags.page, 1, Number.MAX_SAFE_INTEGER),
          limit: intFlag('--limit', flags.limit, 1, 5000),
        });
      } catch (error) {
        throw asUsageError(error);
      }
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const result = await engine.list(input);
        io.out(flags.json ? json(result) : listText(result, flags.from !== undefined || flags.to !== undefined));
      } finally {
        await close();
      }
    });
}

/** A table of the headline series per sample, and where this page is. */
export function listText(result: ListResult, ranged: boolean): string {
  const { page, totalPages, total } = result.pagination;
  if (total === 0) return nothingStored(ranged);
  const where =
    result.data.length === 0
      ? `page ${page} is past the last page (${totalPages})`
      : `page ${page} of ${totalPages} (${total.toLocaleString('en-US')} sample${total === 1 ? '' : 's'})`;
  const rows = result.data.map((s): Cell[] => [
    localTime(s.ts),
    ...COLUMNS.map((key) => quantity(key, s.values[key])),
    s.gapBefore ? 'gap before' : '',
  ]);
  return `${table([{ header: 'time' }, ...COLUMNS.map((header) => ({ header })), { header: '' }], rows)}\n${where}`;
}
