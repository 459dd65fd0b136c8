/** An in-memory CliIo for running commands in-process in tests. */
import type { CliIo } from '../cli-io.js';

export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  text(): string;
}

export function captureIo(env: NodeJS.ProcessEnv = {}, now = Date.now): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTTY: false,
    env: { HOME: process.env.HOME, ...env },
    now,
    text: () => stdout.join(''),
  };
}
