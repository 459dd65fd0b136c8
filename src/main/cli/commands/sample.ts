/** `dashlight sample`: take one sample now (rates need about a second), store it and print it. */
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { json, sampleTable } from '../format.js';
import { openEngine, type CommonFlags } from '../options.js';

export function registerSample(program: Command, io: CliIo): void {
  program
    .command('sample')
    .description('take one sample now (about a second: rates need two readings), store it, and print it')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--json', 'machine-readable output')
    .action(async (flags: CommonFlags) => {
      const { engine, close } = await openEngine(flags, io, { access: 'write' });
      try {
        const sample = await engine.sampleNow();
        io.out(flags.json ? json({ data: sample }) : sampleTable(sample));
      } finally {
        await close();
      }
    });
}
