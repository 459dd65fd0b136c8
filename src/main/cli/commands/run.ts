/**
 * `dashlight run`: the headless engine. Samples, rolls up and applies retention until SIGINT or
 * SIGTERM, then commits what is buffered. Ctrl-C (SIGINT) ends with status 130, as the shell
 * expects of an interrupted command, so a script running it stops too; SIGTERM, a service
 * manager's stop, is a normal end: 0. Alert transitions print one line each on stdout unless
 * `--quiet`. With `--serve`, it also serves the dashboard over HTTP (src/main/server), and stops
 * that first on the way out.
 */
import type { Command } from 'commander';
import type { Settings } from '../../../shared/settings.js';
import { formatDuration } from '../../../shared/time.js';
import { VERSION } from '../../engine/version.js';
import { EXIT_INTERRUPTED, UsageError, type CliIo } from '../cli-io.js';
import { durationFlag, intFlag, openEngine, type CommonFlags } from '../options.js';
import { writeProblemText } from '../../../shared/write-problem-text.js';
import { countOf } from '../../../shared/units.js';
import type { Engine } from '../../engine/engine.js';
import { localTime } from '../format.js';
import { secretWarnings } from '../secret-lines.js';
import { alertLine } from './alert-line.js';
import { integrationLines } from './integration-lines.js';

interface RunFlags extends CommonFlags {
  interval?: string;
  logLevel?: string;
  verbose?: boolean;
  quiet?: boolean;
  serve?: boolean;
  port?: string;
  host?: string;
  metrics?: boolean;
  metricsPort?: string;
  metricsHost?: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A repeat of the first signal this soon is its echo, not a second ask. */
const ECHO_MS = 1000;

/**
 * Resolves when the process is asked to stop. A second signal while committing forces an exit.
 * Under `npx`, npm forwards the terminal's Ctrl-C to a child that the terminal signalled already:
 * the same signal again within a second is that echo, and is ignored.
 */
function untilSignal(say: (line: string) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const first = performance.now();
      const force = (again: NodeJS.Signals) => {
        if (again === signal && performance.now() - first < ECHO_MS) return;
        process.exit(again === 'SIGINT' ? EXIT_INTERRUPTED : 143);
      };
      process.on('SIGINT', force);
      process.on('SIGTERM', force);
      say(`dashlight: ${signal} received, committing buffered samples…`);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('run the engine headless: sample, store, roll up, until Ctrl-C')
    .option('--config <file>', 'JSON settings file, validated by the settings schema')
    .option('--db <file>', 'database file (default: the data folder)')
    .option('--interval <duration>', 'sampling interval, 1s to 1h (default 2s)')
    .option('--log-level <level>', `one of ${LEVELS.join(', ')}`)
    .option('--verbose', 'also write the structured log to stderr')
    .option('--quiet', 'print only warnings, errors and the dashboard URL: no alert lines, no banner')
    .option('--serve', 'also serve the dashboard and the API over HTTP, behind a token')
    .option('--port <n>', 'with --serve: the port, 0 for any free one (default 7437)')
    .option('--host <addr>', 'with --serve: the address to listen on (default 127.0.0.1, this machine only)')
    .option('--metrics', 'also serve GET /metrics for Prometheus (prometheus.enabled in the settings)')
    .option('--metrics-port <n>', 'with --metrics: the port, 0 for any free one (default 9437)')
    .option('--metrics-host <addr>', 'with --metrics: the address to listen on (default 127.0.0.1, this machine only)')
    .action(async (flags: RunFlags) => {
      const serve = serveFlags(flags);
      const overrides: Record<string, Record<string, unknown>> = {};
      const metrics = metricsFlags(flags);
      if (metrics) overrides.prometheus = metrics;
      const interval = durationFlag('--interval', flags.interval, 1000, 3_600_000);
      if (interval !== undefined) overrides.sampling = { interval };
      if (flags.logLevel !== undefined) {
        if (!LEVELS.includes(flags.logLevel))
          throw new UsageError(`--log-level: "${flags.logLevel}" is not one of ${LEVELS.join(', ')}`);
        overrides.log = { level: flags.logLevel };
      }
      const say = flags.quiet ? () => {} : (line: string) => io.err(line);
      const { engine, paths, settings, log, close } = await openEngine(flags, io, {
        access: 'write',
        overrides,
        stderrLogs: flags.verbose,
      });
      const stopped = untilSignal(say);
      const stopWriteLines = watchWrites(engine, io);
      const stopAlertLines = flags.quiet
        ? () => {}
        : engine.on('alert', (event) => {
            const line = alertLine(event);
            if (line) io.out(line);
          });
      try {
        await engine.start();
      } catch (error) {
        await close();
        throw new UsageError((error as Error).message);
      }
      const integrations = await integrationLines(engine, { info: say, warn: (line) => io.err(line) });
      if (integrations.failed) {
        await close();
        throw new UsageError(integrations.failed);
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
      // Warnings, so printed even with --quiet: a credential that cannot be used is never sent.
      for (const line of secretWarnings(settings, engine.secretProblems())) io.err(line);
      say(
        `Dashlight ${VERSION}: sampling every ${formatDuration(settings.sampling.interval)} into ${paths.dbFile}\n` +
          `${alertsLine(settings)}\nlogs: ${paths.logDir}; press Ctrl-C to stop`,
      );
      const signal = await stopped;
      integrations.stop();
      // The server first: no request may reach an engine that is closing its database.
      await server?.close();
      await close();
      stopAlertLines();
      stopWriteLines();
      say('dashlight: stopped cleanly');
      if (signal === 'SIGINT') setExit(EXIT_INTERRUPTED);
    });
}

/**
 * Says on the terminal, once per episode, when samples stop being saved (a full disk) and when
 * they are saved again: the log file may be on the same full disk. Warnings: printed even with --quiet.
 */
function watchWrites(engine: Engine, io: CliIo): () => void {
  let held: number | null = null;
  return engine.on('status', ({ writeProblem }) => {
    if (writeProblem && held === null) io.err(`dashlight: ${writeProblemText(writeProblem, localTime)}`);
    if (!writeProblem && held !== null)
      io.err(`dashlight: samples are being saved again; the ${countOf(held, 'sample')} held in memory were written`);
    held = writeProblem ? writeProblem.bufferedSamples : null;
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

/** `--metrics` and its options; `--metrics-port`/`--metrics-host` alone are a mistake worth saying so. */
function metricsFlags(flags: RunFlags): Record<string, unknown> | null {
  if (!flags.metrics) {
    const stray =
      flags.metricsPort !== undefined ? '--metrics-port' : flags.metricsHost !== undefined ? '--metrics-host' : null;
    if (stray) throw new UsageError(`${stray} only applies with --metrics (dashlight run --metrics ${stray} …)`);
    return null;
  }
  if (flags.metricsHost !== undefined && flags.metricsHost.trim() === '')
    throw new UsageError('--metrics-host: give an address or a name');
  const port = intFlag('--metrics-port', flags.metricsPort, 0, 65535);
  return {
    enabled: true,
    ...(port === undefined ? {} : { port }),
    ...(flags.metricsHost === undefined ? {} : { host: flags.metricsHost }),
  };
}

/** Which rules run and where their notifications go; the webhook shows its host only, never a token. */
function alertsLine(settings: Settings): string {
  const enabled = settings.alerts.rules.filter((r) => r.enabled).length;
  const hook = settings.alerts.webhook;
  const channels = ['log', ...(hook?.enabled ? [`webhook to ${new URL(hook.url).host}`] : [])].join(' and ');
  const quiet = settings.alerts.quietHours
    ? `; quiet ${settings.alerts.quietHours.start}–${settings.alerts.quietHours.end}`
    : '';
  return `alerts: ${enabled} rule${enabled === 1 ? '' : 's'} on, notifying the ${channels}${quiet}; transitions print here`;
}
