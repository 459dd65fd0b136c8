/** `dashlight latest`: the newest stored sample. */
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { json, nothingStored, sampleTable } from '../format.js';
import { openEngine, type CommonFlags } from '../options.js';

export function registerLatest(program: Command, io: CliIo): void {
  program
    .command('latest')
    .description('print the newest stored sample')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'read' });
      try {
        const sample = await engine.latest();
        if (flags.json) io.out(json({ data: sample }));
        else io.out(sample ? sampleTable(sample) : nothingStored(false));
      } finally {
        await close();
      }
    });
}
