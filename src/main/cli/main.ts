/**
 * The `dashlight` command. Bad flags and values print one line and exit 2; runtime failures
 * print one line and exit 1; nothing prints a stack trace unless DASHLIGHT_DEBUG is set.
 *
 * @example
 * process.exitCode = await main(['stats', '--from', '-24h', '--json']);
 */
import { Command, CommanderError } from 'commander';
import { NotFoundError } from '../../shared/contract.js';
import { DataFileRefusedError } from '../engine/store/data-file-refused.js';
import { VERSION } from '../engine/version.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './cli-io.js';
import { registerAlerts } from './commands/alerts.js';
import { registerExport } from './commands/export.js';
import { registerPush } from './commands/push.js';
import { registerDoctor } from './commands/doctor.js';
import { registerHistory } from './commands/history.js';
import { registerLatest } from './commands/latest.js';
import { registerList } from './commands/list.js';
import { registerMetrics } from './commands/metrics.js';
import { registerRun } from './commands/run.js';
import { registerSample } from './commands/sample.js';
import { registerStats } from './commands/stats.js';
import { registerTop } from './commands/top.js';

/** Where a parse error came from, so its message can point at that command's help. */
interface ParseFailure {
  command: Command | null;
}

export function buildProgram(
  io: CliIo,
  setExit: (code: number) => void,
  failure: ParseFailure = { command: null },
): Command {
  const program = new Command('dashlight')
    .description('Dashlight: a resource monitor with history in SQLite. Headless engine and queries.')
    .version(VERSION)
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => {} });
  registerRun(program, io, setExit);
  registerSample(program, io);
  registerLatest(program, io);
  registerList(program, io);
  registerHistory(program, io);
  registerMetrics(program, io);
  registerStats(program, io);
  registerTop(program, io);
  registerAlerts(program, io, setExit);
  registerExport(program, io);
  registerPush(program, io, setExit);
  registerDoctor(program, io, setExit);
  const configure = (command: Command) => {
    command
      .exitOverride((error) => {
        failure.command = command;
        throw error;
      })
      .configureOutput(program.configureOutput());
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Commander's message on one line: its "(Did you mean …?)" joins the sentence. */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)$/s, '; did you mean $1?')
    .replace(/\s*\n\s*/g, ' ');
}

/** `dashlight alerts snooze --help` for an error in that command. */
function helpCommand(command: Command | null): string {
  const names: string[] = [];
  for (let c = command; c; c = c.parent) names.unshift(c.name());
  return `${names.length > 0 ? names.join(' ') : 'dashlight'} --help`;
}

export async function main(argv: readonly string[], given: CliIo = processIo): Promise<number> {
  let code = EXIT_OK;
  const failure: ParseFailure = { command: null };
  const io: CliIo = { ...given, argv };
  const program = buildProgram(io, (c) => (code = c), failure);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK; // --help, --version
      io.err(`dashlight: ${oneLine(error.message)} (see "${helpCommand(failure.command)}")`);
      return EXIT_USAGE;
    }
    // A data file Dashlight will not use (another's, newer, in use, read-only, /proc): a bad value.
    if (error instanceof UsageError || error instanceof NotFoundError || error instanceof DataFileRefusedError) {
      io.err(`dashlight: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`dashlight: ${(error as Error).message ?? String(error)}`);
    if (io.env.DASHLIGHT_DEBUG) io.err(String((error as Error).stack));
    return EXIT_FAILURE;
  }
}
