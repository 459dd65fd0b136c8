/**
 * Structured logs (pino, JSON lines) written to a rotated file in the data folder, and
 * human lines on stderr for the headless run. The rotation runs in-process (pino-roll's
 * stream, not a worker transport) to keep the engine's memory small.
 *
 * @example
 * const log = await createLogger({ level: 'info', dir: '/home/me/.config/Dashlight/logs' });
 * log.info({ rows: 12 }, 'flushed');
 */
import pino, { type Logger as PinoLogger, type LevelWithSilent } from 'pino';
import roll from 'pino-roll';
import { join } from 'node:path';

export type Logger = PinoLogger;
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Folder for rotated `dashlight.N.log` files; omit to log to stderr only. */
  readonly dir?: string;
  /** Also write JSON lines to stderr (headless `run`). */
  readonly stderr?: boolean;
}

/** Keys that must never reach a log line, wherever they appear in the logged object. */
const REDACT = ['token', '*.token', '*.*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization', 'headers.authorization'];

export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const streams: pino.StreamEntry[] = [];
  if (options.dir) {
    const file = await roll({ file: join(options.dir, 'dashlight'), extension: '.log', size: '5m', limit: { count: 5 }, mkdir: true });
    streams.push({ level: options.level === 'silent' ? 'fatal' : options.level, stream: file });
  }
  if (options.stderr) streams.push({ level: options.level === 'silent' ? 'fatal' : options.level, stream: pino.destination(2) });
  return pino(
    { level: options.level, base: { pid: process.pid }, redact: { paths: REDACT, censor: '[redacted]' } },
    streams.length > 0 ? pino.multistream(streams) : pino.destination(2),
  );
}

/** A logger that drops everything: for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
