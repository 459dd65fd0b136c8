/**
 * Flag parsing shared by the commands: times, durations, counts, and opening the engine
 * against the data folder chosen by `--db` / `DASHLIGHT_DATA_DIR`.
 */
import { parseDuration, parseTime } from '../../shared/time.js';
import { mergeSettings, SettingsError, type Settings } from '../../shared/settings.js';
import { InputError } from '../../shared/contract.js';
import { Engine } from '../engine/engine.js';
import { existsSync } from 'node:fs';
import { closeLogger, createLogger, silentLogger, type Logger } from '../engine/log/logger.js';
import { ensureDir, resolveDataPaths, type DataPaths } from '../engine/paths.js';
import { ENGINE_MIGRATIONS } from '../engine/modules.js';
import { checkDataFile } from '../engine/store/data-path.js';
import { refuseIfNotOurs } from '../engine/store/open-database.js';
import { jsonFileBackend } from '../engine/settings/json-file-backend.js';
import { SettingsStore } from '../engine/settings/settings-store.js';
import { UsageError, type CliIo } from './cli-io.js';

export interface CommonFlags {
  readonly db?: string;
  readonly json?: boolean;
  readonly config?: string;
}

export function timeFlag(flag: string, text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseTime(text, now);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

/**
 * `--from` and `--to` together: each parsed like timeFlag, and a range that runs backwards (or is
 * empty) refused with both values as given, instead of answering "nothing in range".
 *
 * @example
 * rangeFlags({ from: '-2h', to: '-3h' }, now); // throws UsageError('--from -2h is not before --to -3h: …')
 */
export function rangeFlags(
  flags: { readonly from?: string | undefined; readonly to?: string | undefined },
  now: number,
): { from: number | undefined; to: number | undefined } {
  const from = timeFlag('--from', flags.from, now);
  const to = timeFlag('--to', flags.to, now);
  if (from !== undefined && to !== undefined && from >= to) {
    const when = (text: string, ms: number) =>
      text === new Date(ms).toISOString() ? text : `${text} (${new Date(ms).toISOString()})`;
    throw new UsageError(
      `--from ${when(flags.from!, from)} is not before --to ${when(flags.to!, to)}: ` +
        'the range would be empty; give the earlier time to --from',
    );
  }
  return { from, to };
}

export function durationFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
  if (ms < min || ms > max)
    throw new UsageError(`${flag}: ${text} is out of range; use between ${min / 1000}s and ${max / 1000}s`);
  return ms;
}

export function intFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${flag}: "${text}" must be a whole number ${range}`);
  }
  return value;
}

export interface Opened {
  readonly engine: Engine;
  readonly paths: DataPaths;
  readonly settings: Settings;
  readonly log: Logger;
  /** Stops the engine (committing what is buffered) and closes the log file. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * `read` (queries): the database is opened read-only, beside a running engine, in a read-only
   * folder, on a full disk. `write`: this command writes it, so it takes the writer lock and is
   * refused (exit 2, naming the holder) while another process writes.
   */
  readonly access: 'read' | 'write';
  /** Settings from flags, layered over the stored ones (`run --interval`). */
  readonly overrides?: Record<string, unknown>;
  /** Also write the structured log to stderr (`run --verbose`). */
  readonly stderrLogs?: boolean;
}

/** The command as the writer lock names it: `dashlight run --serve --port 8080`. */
function commandLine(io: CliIo): string {
  return ['dashlight', ...(io.argv ?? [])].join(' ');
}

/** Opens the engine without starting it; settings and config errors become usage errors. */
export async function openEngine(flags: CommonFlags, io: CliIo, options: OpenOptions): Promise<Opened> {
  const paths = resolveDataPaths({ db: flags.db, env: io.env });
  // Before anything is created: a path under /proc must fail at once, not spin in a mkdir, and
  // another application's file (or a newer Dashlight's) gets no logs folder beside it.
  checkDataFile(paths.dbFile, options.access);
  refuseIfNotOurs(paths.dbFile, ENGINE_MIGRATIONS);
  const reading = options.access === 'read' && existsSync(paths.dbFile);
  if (!reading) {
    try {
      ensureDir(paths.dataDir);
    } catch (error) {
      const chosen = flags.db ? '--db' : io.env.DASHLIGHT_DATA_DIR ? 'DASHLIGHT_DATA_DIR' : '';
      const message =
        `cannot use the data folder ${paths.dataDir}: ${(error as Error).message}. ` +
        'Choose a writable place with --db FILE or DASHLIGHT_DATA_DIR=/path';
      // A path the user gave is a bad value (exit 2); the default folder failing is a runtime error.
      throw chosen ? new UsageError(message) : new Error(message);
    }
  }
  const settingsStore = new SettingsStore({ backend: jsonFileBackend(paths.configFile), env: io.env });
  let settings: Settings;
  try {
    settings = settingsStore.load(flags.config);
    const overrides = options.overrides ?? {};
    if (Object.keys(overrides).length > 0) settings = mergeSettings(settings, overrides, 'command-line flags');
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
  const log = openLog(paths, settings, options, reading);
  const engine = await Engine.open({
    paths,
    settings,
    log,
    settingsStore,
    access: options.access,
    command: commandLine(io),
  }).catch(async (error: unknown) => {
    await closeLogger(log);
    throw error;
  });
  if (engine.dbQuarantined) {
    io.err(
      `dashlight: warning: the database was unreadable or corrupt; it was moved to ${engine.dbQuarantined} and a fresh one was created (see "dashlight doctor")`,
    );
  }
  const close = async () => {
    try {
      await engine.stop();
    } finally {
      await closeLogger(log);
    }
  };
  return { engine, paths, settings, log, close };
}

/** The log file in the data folder; a reader that cannot write there (a read-only folder) logs nothing. */
function openLog(paths: DataPaths, settings: Settings, options: OpenOptions, reading: boolean): Logger {
  try {
    return createLogger({ level: settings.log.level, dir: paths.logDir, stderr: options.stderrLogs });
  } catch (error) {
    if (!reading) throw error;
    return silentLogger();
  }
}

/** Contract input errors from a command are the user's flags: report them as usage errors. */
export function asUsageError(error: unknown): unknown {
  if (error instanceof InputError) return new UsageError(error.message);
  return error;
}
