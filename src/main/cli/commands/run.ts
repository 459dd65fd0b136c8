/**
 * `dashlight run`: the headless engine. Samples, rolls up and applies retention until SIGINT or
 * SIGTERM, then commits what is buffered and exits 0. With `--serve`, it also serves the
 * dashboard over HTTP (src/main/server), and stops that first on the way out.
 */
import type { Command } from 'commander';
import type { Settings } from '../../../shared/settings.js';
import { formatDuration } from '../../../shared/time.js';
import { VERSION } from '../../engine/version.js';
import type { CliIo } from '../cli-io.js';
import { durationFlag, intFlag, openEngine, type CommonFlags } from '../options.js';
import { UsageError } from '../cli-io.js';

interface RunFlags extends CommonFlags {
  interval?: string;
  logLevel?: string;
  verbose?: boolean;
  serve?: boolean;
  port?: string;
  host?: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Resolves when the process is asked to stop; a second signal forces an exit. */
function untilSignal(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      io.err(`dashlight: ${signal} received, committing buffered samples…`);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('run the engine headless: sample, store, roll up, until Ctrl-C')
    .option('--config <file>', 'JSON settings file, validated by the settings schema')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--interval <duration>', 'sampling interval, 1s to 1h (default 2s)')
    .option('--log-level <level>', `one of ${LEVELS.join(', ')}`)
    .option('--verbose', 'also write the structured log to stderr')
    .option('--serve', 'also serve the dashboard and the API over HTTP, behind a token')
    .option('--port <n>', 'with --serve: the port, 0 for any free one (default 7437)')
    .option('--host <addr>', 'with --serve: the address to listen on (default 127.0.0.1, this machine only)')
    .action(async (flags: RunFlags) => {
      const serve = serveFlags(flags);
      const overrides: Record<string, Record<string, unknown>> = {};
      const interval = durationFlag('--interval', flags.interval, 1000, 3_600_000);
      if (interval !== undefined) overrides.sampling = { interval };
      if (flags.logLevel !== undefined) {
        if (!LEVELS.includes(flags.logLevel))
          throw new UsageError(`--log-level: "${flags.logLevel}" is not one of ${LEVELS.join(', ')}`);
        overrides.log = { level: flags.logLevel };
      }
      const { engine, paths, settings, log, close } = await openEngine(flags, io, overrides, flags.verbose);
      const stopped = untilSignal(io);
      try {
        await engine.start();
      } catch (error) {
        await close();
        throw new UsageError((error as Error).message);
      }
      let server: { close(): Promise<void> } | null = null;
      if (serve) {
        try {
          // Lazily: node:http and node:crypto cost a plain `run` memory it would never use.
          const { serveDashboard } = await import('./serve-dashboard.js');
          server = await serveDashboard({ engine, dataDir: paths.dataDir, ...serve, log, io });
        } catch (error) {
          await close();
          throw error;
        }
      }
      io.err(
        `Dashlight ${VERSION}: sampling every ${formatDuration(settings.sampling.interval)} into ${paths.dbFile}\n` +
          `${alertsLine(settings)}\nlogs: ${paths.logDir}; press Ctrl-C to stop`,
      );
      await stopped;
      // The server first: no request may reach an engine that is closing its database.
      await server?.close();
      await close();
      io.err('dashlight: stopped cleanly');
    });
}

/** `--serve` and its options; `--port`/`--host` alone are a mistake worth saying so. */
function serveFlags(flags: RunFlags): { host?: string; port?: number } | null {
  if (!flags.serve) {
    const stray = flags.port !== undefined ? '--port' : flags.host !== undefined ? '--host' : null;
    if (stray) throw new UsageError(`${stray} only applies with --serve (dashlight run --serve ${stray} …)`);
    return null;
  }
  if (flags.host !== undefined && flags.host.trim() === '') throw new UsageError('--host: give an address or a name');
  return { host: flags.host, port: intFlag('--port', flags.port, 0, 65535) };
}

/** Which rules run and where their notifications go; the webhook shows its host only, never a token. */
function alertsLine(settings: Settings): string {
  const enabled = settings.alerts.rules.filter((r) => r.enabled).length;
  const hook = settings.alerts.webhook;
  const channels = ['log', ...(hook?.enabled ? [`webhook to ${new URL(hook.url).host}`] : [])].join(' and ');
  const quiet = settings.alerts.quietHours
    ? `; quiet ${settings.alerts.quietHours.start}–${settings.alerts.quietHours.end}`
    : '';
  return `alerts: ${enabled} rule${enabled === 1 ? '' : 's'} on, notifying the ${channels}${quiet}`;
}
