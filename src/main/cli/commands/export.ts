/**
 * `dashlight export`: a range of history as CSV, JSON or NDJSON, streamed to a file (written to a
 * temporary file, then renamed) or to stdout with `--out -`. A progress bar on a terminal.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { parseInput } from '../../../shared/contract.js';
import { EXPORT_FORMATS } from '../../../shared/export.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli-io.js';
import { countOf, json } from '../format.js';
import { asUsageError, openEngine, rangeFlags, type CommonFlags } from '../options.js';
import { checkSeries } from '../series-names.js';

interface ExportFlags extends CommonFlags {
  format?: string;
  from?: string;
  to?: string;
  resolution?: string;
  metrics?: string;
  out?: string;
}

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write a range of history as CSV, JSON or NDJSON')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'csv')
    .option('--from <time>', 'start: ISO 8601, now, or relative like -24h', '-24h')
    .option('--to <time>', 'end: ISO 8601, now, or relative', 'now')
    .option(
      '--resolution <tier>',
      'raw, 10s, 30s, 1m, 2m, 5m, 15m, 30m, 1h, 6h, 1d, or auto (the finest tier that holds --from)',
      'auto',
    )
    .option('--metrics <list>', 'comma-separated series or metrics (default: all), e.g. cpu.total,net.rx')
    .option('--out <file>', 'the file to write, or - for stdout')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'print the result as JSON (on stderr with --out -)')
    .action(async (flags: ExportFlags) => {
      if (!flags.out) throw new UsageError('--out: say where to write, a file path or - for stdout');
      const toStdout = flags.out === '-';
      const range = rangeFlags(flags, io.now());
      const metrics = flags.metrics
        ? flags.metrics
            .split(',')
            .map((m) => m.trim())
            .filter(Boolean)
        : null;
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      const bar = io.errIsTTY ? progressBar(io) : null;
      const stop = bar ? engine.on('exportProgress', bar.update) : () => {};
      try {
        if (metrics) checkSeries('--metrics', metrics, engine.knownSeries());
        let input;
        try {
          const path = toStdout ? '-' : resolve(flags.out);
          input = parseInput('export', { format: flags.format, ...range, resolution: flags.resolution, metrics, path });
        } catch (error) {
          throw asUsageError(error);
        }
        if (toStdout && !io.rawOut) throw new UsageError('--out -: no stdout to write to here');
        const result = toStdout ? await engine.exportTo(input, io.rawOut!) : await engine.export(input);
        bar?.done();
        const summary = `${countOf(result.rows, 'row')} (${result.resolution}) → ${toStdout ? 'stdout' : result.path}, ${countOf(result.bytes, 'byte')}`;
        if (flags.json) (toStdout ? io.err : io.out)(json(result));
        else io.err(`dashlight: exported ${summary}`);
      } finally {
        stop();
        bar?.done();
        await close();
      }
    });
}

/** One line on stderr, redrawn in place: `[######----] 61 % 52,000 / 86,400 rows`. */
function progressBar(io: CliIo) {
  let drawn = false;
  return {
    update: ({ rowsDone, rowsTotal }: { rowsDone: number; rowsTotal: number }) => {
      const share = rowsTotal === 0 ? 1 : rowsDone / rowsTotal;
      const filled = Math.round(share * 30);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${Math.round(share * 100)} % ${rowsDone.toLocaleString('en-US')} / ${rowsTotal.toLocaleString('en-US')} rows`,
      );
      drawn = true;
    },
    done: () => {
      if (drawn) io.err('');
      drawn = false;
    },
  };
}
