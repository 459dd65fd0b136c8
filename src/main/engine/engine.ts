/**
 * The engine: the contract (src/shared/contract.ts) served by feature modules (modules.ts) over a
 * few shared services: the store, the clock, the log, the event bus, the sample stream and the
 * settings. Both transports and the CLI drive it; it has no method of its own for the contract,
 * only the merged handlers of its modules, and a few calls for the hosts (below).
 *
 * @example
 * const engine = await Engine.open({ paths, settings, log });
 * engine.on('sample', (s) => console.log(s.values['cpu.total']));
 * await engine.start();
 * await engine.history({ series: ['cpu.total'], from: 0, to: 3_600_000, maxPoints: 600 });
 * await engine.stop();
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type {
  DashlightEvents,
  DashlightHandlers,
  EventName,
  MethodName,
  MethodOutput,
  MethodParsedInput,
} from '../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import type { Clear } from '../../shared/secrets.js';
import { countOf } from '../../shared/units.js';
import { settingsSchema, type Settings } from '../../shared/settings.js';
import type { z } from '../../shared/validation.js';
import type { Notifier } from './alerts/notify/notifier.js';
import { alertsModule } from './alerts/alerts-module.js';
import type { AnyModule, EngineServices } from './core/engine-module.js';
import { EventBus } from './core/event-bus.js';
import { LivePublisher } from './core/live-publisher.js';
import { mergeHandlers } from './core/merge-handlers.js';
import { ProcessStream } from './core/process-stream.js';
import { CollectorSet } from './core/collector-set.js';
import { createCollectors } from './collect/create-collectors.js';
import { SampleStream } from './core/sample-stream.js';
import { SettingsService } from './core/settings-service.js';
import { diagnosticsModule } from './diagnostics/diagnostics-module.js';
import type { EngineOptions } from './engine-options.js';
import { exportModule } from './export/export-module.js';
import { ENGINE_MIGRATIONS, ENGINE_MODULES } from './modules.js';
import { processesModule } from './processes/processes-module.js';
import { samplingModule } from './sampling/sampling-module.js';
import { systemClock } from './schedule/clock.js';
import { jsonFileBackend } from './settings/json-file-backend.js';
import type { SecretCodec, SecretProblem } from './settings/secret-codec.js';
import { SettingsStore } from './settings/settings-store.js';
import { checkDataFile, writeProblem } from './store/data-path.js';
import { identify } from './store/database-identity.js';
import { refuseIfNotOurs } from './store/open-database.js';
import { MetricStore } from './store/metric-store.js';
import { describeFailure } from './store/sqlite-errors.js';
import { WriterLock, type LockHolder } from './store/writer-lock.js';

export type { EngineOptions };

interface Built {
  readonly module: AnyModule;
  readonly instance: ReturnType<AnyModule['create']>;
}

class EngineHost {
  private readonly events = new EventBus();
  private readonly settings: SettingsService;
  private readonly secrets: SecretCodec;
  private readonly built: readonly Built[];
  private started = false;
  private readonly live: LivePublisher | null;

  /**
   * Opens (or creates, or quarantines and recreates) the database; does not start sampling. A
   * writer takes the database's writer lock first, and is refused (DataFileRefusedError, naming the
   * holder) while another process holds it; a reader opens an existing file read-only.
   */
  static async open(options: EngineOptions): Promise<Engine> {
    const file = options.paths.dbFile;
    checkDataFile(file, options.access === 'read' ? 'read' : 'write');
    // Before the lock file is made beside it: another application's file is left exactly as found.
    refuseIfNotOurs(file, ENGINE_MIGRATIONS);
    const readOnly = options.access === 'read' && readsAsItIs(file);
    const lock = readOnly ? null : WriterLock.acquire(file, { command: options.command ?? 'dashlight' });
    try {
      const store = await MetricStore.open(file, {
        log: options.log,
        migrations: ENGINE_MIGRATIONS,
        readOnly,
        pace: options.queryPace,
      });
      return new EngineHost(store, options, lock) as Engine;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  private constructor(
    private readonly store: MetricStore,
    private readonly options: EngineOptions,
    private readonly lock: WriterLock | null,
  ) {
    const settingsStore =
      options.settingsStore ?? new SettingsStore({ backend: jsonFileBackend(options.paths.configFile) });
    this.secrets = settingsStore.codec;
    this.settings = new SettingsService(options.settings, settingsStore, {
      check: (next) => this.check(next),
      apply: (next) => this.configure(next),
    });
    const services: EngineServices = {
      store,
      clock: options.clock ?? systemClock,
      log: options.log,
      events: this.events,
      samples: new SampleStream(options.log),
      processes: new ProcessStream(options.log),
      collectors: new CollectorSet(options.collectors ?? createCollectors()),
      settings: this.settings,
      secrets: this.secrets,
      host: options.host ?? hostname(),
      options,
    };
    this.built = ENGINE_MODULES.map((module: AnyModule) => ({ module, instance: module.create(services) }));
    const handlers = mergeHandlers(
      this.built.map(({ module, instance }) => ({
        name: module.name,
        methods: module.methods,
        handlers: instance.handlers as Partial<DashlightHandlers>,
      })),
    );
    Object.assign(this, handlers);
    this.live = lock
      ? LivePublisher.open(store.path, lock.holder, {
          clock: services.clock,
          log: options.log,
          pending: () => store.pendingCount(),
          commitIntervalMs: () => this.settings.current().storage.commitInterval,
        })
      : null;
    this.events.on('status', (status) => this.live?.publish(status));
  }

  /** Starts every module, sampling last. Throws (starting nothing) when the settings are refused. */
  async start(): Promise<void> {
    if (this.started) return;
    if (this.store.readOnly) throw new Error(`the database ${this.store.path} was opened read-only, for queries`);
    this.check(this.settings.current());
    this.started = true;
    for (const { instance } of this.built) await instance.start?.();
    this.live?.publish(await (this as unknown as Engine).status());
  }

  /** Stops every module (sampling first), commits what is buffered and closes the database. */
  async stop(): Promise<void> {
    // Every module stops and the database closes even when one fails (a failing device): the
    // first failure is thrown at the end, in words.
    let failure: Error | null = null;
    for (const { module, instance } of [...this.built].reverse()) {
      try {
        await instance.stop?.();
      } catch (error) {
        this.options.log.error({ err: error, module: module.name }, 'module failed to stop');
        failure ??= stopFailure(`the ${module.name} module could not save its last data`, error, this.store.path);
      }
    }
    try {
      this.store.close();
      // The last commit failed: what it held is gone with this process, and the user hears why.
      const lost = this.store.pendingCount();
      const why = this.store.commitFailure();
      if (lost > 0 && why)
        failure ??= new Error(
          `${countOf(lost, 'sample')} held in memory could not be saved (${why.code}): ${why.cause}; ${why.advice}`,
        );
    } catch (error) {
      failure ??= error as Error;
    } finally {
      // However the last commit went (a failing device throws here), the lock and state are let go.
      this.live?.stopped();
      this.lock?.release();
    }
    this.started = false;
    this.options.log.info('engine stopped');
    this.events.clear();
    if (failure) throw failure;
  }

  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  // What the hosts ask beyond the contract: the CLI, the desktop shell, and tests.

  /**
   * Every secret of the settings this process cannot open (sealed by the desktop app, an unset
   * variable, a file others can read), as `{ path, problem }`: for start-up warnings and doctor.
   */
  secretProblems(): SecretProblem[] {
    return this.secrets.problems(settingsSchema, this.settings.current());
  }

  /**
   * One part of the settings in force with its secrets opened, for a host that sends them itself
   * (doctor scrapes `/metrics` with the configured credential). Throws naming the field and why.
   */
  openSetting<T>(schema: z.ZodMiniType, read: (settings: Settings) => T): Clear<T> {
    return this.secrets.openAll(schema, read(this.settings.current()));
  }

  /**
   * Who writes the database now (the writer lock's holder), and, when no one does, whether the
   * last writer left it open (`open_by`: it did not close cleanly, so the next one runs quick_check).
   */
  lastWriter(): { holder: LockHolder | null; openBy: string | null } {
    // This engine writing (a doctor that had to create the file) is no other writer.
    if (this.lock) return { holder: null, openBy: null };
    return { holder: WriterLock.holder(this.store.path), openBy: this.store.openBy() };
  }

  /** Whether PRAGMA quick_check ran when the database was opened, and why (doctor says so). */
  get openCheck(): MetricStore['openCheck'] {
    return this.store.openCheck;
  }

  /** Where a damaged database file was moved at open, or null. */
  get dbQuarantined(): string | null {
    return this.store.quarantined;
  }

  /** PRAGMA integrity_check: 'ok' or the problems found (for `doctor`). */
  integrityCheck(): string {
    return this.part(diagnosticsModule).integrityCheck();
  }

  /** Every series key this database has stored, in the order first seen (for `dashlight metrics`). */
  knownSeries(): string[] {
    return this.part(diagnosticsModule).knownSeries();
  }

  /** The OS's sleep and wake (Electron's powerMonitor): the time asleep becomes a gap. */
  systemSleep(phase: 'suspend' | 'resume'): void {
    this.part(samplingModule).systemSleep(phase);
  }

  /** A notification channel added by the host, e.g. the desktop shell's. */
  addNotifier(notifier: Notifier): void {
    this.part(alertsModule).addNotifier(notifier);
  }

  /** Resolves once every alert so far has been recorded, announced and handed to the channels. */
  alertsIdle(): Promise<void> {
    return this.part(alertsModule).idle();
  }

  /** One pass over the process table now, outside its schedule (tests, the bench's warm start). */
  sampleProcessesNow(): Promise<void> {
    return this.part(processesModule).passNow();
  }

  /** The CLI's `--out -`: an export written to a stream instead of a file. */
  exportTo(input: ExportInput, output: NodeJS.WritableStream): Promise<ExportResult> {
    return this.part(exportModule).exportTo(input, output);
  }

  /** The hourly archive's state (doctor, the dashboard); null when it is off. */
  archiveStatus(): ReturnType<ReturnType<(typeof exportModule)['create']>['archiveStatus']> {
    return this.part(exportModule).archiveStatus();
  }

  private part<D extends AnyModule>(definition: D): ReturnType<D['create']> {
    const found = this.built.find((b) => b.module === definition);
    if (!found) throw new Error(`engine module "${definition.name}" is not in ENGINE_MODULES`);
    return found.instance as ReturnType<D['create']>;
  }

  private check(next: Settings): void {
    for (const { instance } of this.built) instance.check?.(next);
  }

  private configure(next: Settings): void {
    for (const { instance } of this.built) instance.configure?.(next);
  }
}

/**
 * Whether a reader can use the file as it is. A file not made yet, or one made by an older
 * Dashlight that still needs its migrations, is opened as a writer (taking the lock for that
 * moment), when this process may write it; otherwise it is read as it is.
 */
function readsAsItIs(file: string): boolean {
  if (!existsSync(file)) return writeProblem(dirname(file)) !== null;
  const identity = identify(file, Object.keys(ENGINE_MIGRATIONS));
  // A damaged file is moved aside (and a new one made) by a writer, as at any open.
  const needsWriter = identity.kind === 'not-sqlite' || (identity.kind === 'ours' && identity.behind);
  if (!needsWriter) return true;
  return writeProblem(file) !== null || writeProblem(dirname(file)) !== null || WriterLock.holder(file) !== null;
}

function stopFailure(what: string, error: unknown, file: string): Error {
  const { code, cause, advice } = describeFailure(error, file);
  return new Error(`${what} (${code}): ${cause}; ${advice}`, { cause: error });
}

/** The contract's handlers, as the hosts call them: a method without input takes no argument. */
export type EngineHandlers = {
  [K in MethodName]: undefined extends MethodParsedInput<K>
    ? (input?: MethodParsedInput<K>) => Promise<MethodOutput<K>>
    : (input: MethodParsedInput<K>) => Promise<MethodOutput<K>>;
};

/** The engine as the hosts see it: the contract's handlers, and the host calls of EngineHost. */
export type Engine = EngineHost & EngineHandlers;
export const Engine = EngineHost;
