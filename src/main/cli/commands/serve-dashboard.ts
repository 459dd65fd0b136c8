/**
 * The `--serve` part of `dashlight run`: starts the web host (src/main/server) next to the running
 * engine, prints the dashboard URL (with its token: meant for the user, and shown nowhere else),
 * and turns listen failures into usage errors. The server knows nothing of the command line; this
 * module is where its errors and warnings become the CLI's words. Loaded lazily by run.ts, so a
 * plain `run` never pays for node:http and node:crypto.
 *
 * @example
 * const server = await serveDashboard({ engine, dataDir: paths.dataDir, host, port, log, io });
 * await untilSignal(io);
 * await server.close();
 */
import { isLoopbackHost, nonLoopbackWarning } from '../../server/host-check.js';
import { ListenError, startServer, type RunningServer, type ServerOptions } from '../../server/http-server.js';
import { UsageError, type CliIo } from '../cli-io.js';

export interface ServeDashboardOptions extends Omit<ServerOptions, 'warn'> {
  io: CliIo;
}

export async function serveDashboard(options: ServeDashboardOptions): Promise<RunningServer> {
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
