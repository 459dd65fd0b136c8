/**
 * The logging the server needs; a pino Logger fits. Request URLs are never logged whole: the
 * first request of a session carries the token in its query string.
 *
 * @example
 * const log: ServerLog = createLogger({ level: 'info', dir });
 */
export interface ServerLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}
