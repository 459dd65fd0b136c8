/**
 * Structured logs (pino, JSON lines) written to a rotated file in the data folder, and
 * optionally to stderr. Rotation is done in-process by rotating-file-stream (no worker
 * transport, no date library), which keeps the headless engine's memory small.
 *
 * @example
 * const log = createLogger({ level: 'info', dir: '/home/me/.config/Dashlight/logs' });
 * log.info({ rows: 12 }, 'flushed');
 */
import pino, { type Logger as PinoLogger, type LevelWithSilent } from 'pino';
import { createStream } from 'rotating-file-stream';
import { mkdirSync } from 'node:fs';

export type Logger = PinoLogger;
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Folder for `dashlight.log`, rotated at 5 MB into `dashlight.log.1` … `.5`; omit to log to stderr only. */
  readonly dir?: string;
  /** Also write JSON lines to stderr (headless `run`). */
  readonly stderr?: boolean;
}

/** Keys that must never reach a log line, wherever they appear in the logged object. */
const REDACT = [
  'token',
  '*.token',
  '*.*.token',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'password',
  '*.password',
  '*.*.password',
];

/** The rotating file behind each logger, so it can be closed (it holds a file handle). */
const files = new WeakMap<Logger, { end(callback: () => void): void }>();

export function createLogger(options: LoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [];
  let rotating: { end(callback: () => void): void } | undefined;
  if (options.dir) {
    mkdirSync(options.dir, { recursive: true });
    const file = createStream('dashlight.log', { path: options.dir, size: '5M', rotate: 5 });
    // A log that cannot be written (disk full, folder removed) must never take the engine down.
    file.on('error', () => {});
    rotating = file;
    streams.push({ level: options.level === 'silent' ? 'fatal' : options.level, stream: file });
  }
  if (options.stderr)
    streams.push({ level: options.level === 'silent' ? 'fatal' : options.level, stream: pino.destination(2) });
  const logger = pino(
    { level: options.level, base: { pid: process.pid }, redact: { paths: REDACT, censor: '[redacted]' } },
    streams.length > 0 ? pino.multistream(streams) : pino.destination(2),
  );
  if (rotating) files.set(logger, rotating);
  return logger;
}

/** Flushes and closes the logger's file; the logger must not be used afterwards. */
export function closeLogger(logger: Logger): Promise<void> {
  const file = files.get(logger);
  files.delete(logger);
  return new Promise((resolve) => (file ? file.end(() => resolve()) : resolve()));
}

/** A logger that drops everything: for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
