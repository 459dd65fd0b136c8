/** Where a command writes; injected so the CLI can be tested in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
  /** stderr is a terminal: progress bars may be drawn there. */
  readonly errIsTTY?: boolean;
  /** Raw stdout for streamed output (`export --out -`); absent in tests that capture text. */
  readonly rawOut?: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  /** The arguments after `dashlight`, as typed: the writer lock names the command that holds it. */
  readonly argv?: readonly string[];
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  rawOut: process.stdout,
  env: process.env,
  now: () => Date.now(),
};

/** Bad flags or values: one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** Ctrl-C: 128 + SIGINT, what a shell reports for an interrupted command. */
export const EXIT_INTERRUPTED = 130;
