/**
 * The `--serve` part of `dashlight run`: starts the web host next to the running engine, prints
 * the dashboard URL (with its token: meant for the user, and shown nowhere else), and turns
 * listen failures into usage errors. Loaded lazily by run.ts, so a plain `run` never pays for
 * node:http and node:crypto.
 *
 * @example
 * const server = await serveFromCli({ engine, dataDir: paths.dataDir, host, port, log, io });
 * await untilSignal(io);
 * await server.close();
 */
import { UsageError, type CliIo } from '../cli/cli-io.js';
import { isLoopbackHost, nonLoopbackWarning } from './host-check.js';
import { ListenError, startServer, type RunningServer, type ServerOptions } from './http-server.js';

export interface ServeFromCliOptions extends Omit<ServerOptions, 'warn'> {
  io: CliIo;
}

export async function serveFromCli(options: ServeFromCliOptions): Promise<RunningServer> {
  const { io, ...serverOptions } = options;
  if (options.host !== undefined && !isLoopbackHost(options.host)) io.err(nonLoopbackWarning(options.host));
  let server: RunningServer;
  try {
    server = await startServer({ ...serverOptions, warn: (line) => io.err(line) });
  } catch (error) {
    if (error instanceof ListenError) throw new UsageError(error.message);
    throw error;
  }
  io.err(`dashboard: ${server.url}`);
  return server;
}
