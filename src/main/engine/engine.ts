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
import { hostname } from 'node:os';
import type {
  DashlightEvents,
  DashlightHandlers,
  EventName,
  MethodName,
  MethodOutput,
  MethodParsedInput,
} from '../../shared/contract.js';
import type { ExportInput, ExportResult } from '../../shared/export.js';
import type { Settings } from '../../shared/settings.js';
import type { Notifier } from './alerts/notify/notifier.js';
import { alertsModule } from './alerts/alerts-module.js';
import type { AnyModule, EngineServices } from './core/engine-module.js';
import { EventBus } from './core/event-bus.js';
import { mergeHandlers } from './core/merge-handlers.js';
import { SampleStream } from './core/sample-stream.js';
import { SettingsService } from './core/settings-service.js';
import { diagnosticsModule } from './diagnostics/diagnostics-module.js';
import type { EngineOptions } from './engine-options.js';
import { exportModule } from './export/export-module.js';
import { ENGINE_MIGRATIONS, ENGINE_MODULES } from './modules.js';
import { samplingModule } from './sampling/sampling-module.js';
import { systemClock } from './schedule/clock.js';
import { SettingsFile } from './settings/settings-file.js';
import { MetricStore } from './store/metric-store.js';

export type { EngineOptions };

interface Built {
  readonly module: AnyModule;
  readonly instance: ReturnType<AnyModule['create']>;
}

class EngineHost {
  private readonly events = new EventBus();
  private readonly settings: SettingsService;
  private readonly built: readonly Built[];
  private started = false;

  /** Opens (or creates, or quarantines and recreates) the database; does not start sampling. */
  static async open(options: EngineOptions): Promise<Engine> {
    const store = await MetricStore.open(options.paths.dbFile, {
      log: options.log,
      migrations: ENGINE_MIGRATIONS,
      pace: options.queryPace,
    });
    return new EngineHost(store, options) as Engine;
  }

  private constructor(
    private readonly store: MetricStore,
    private readonly options: EngineOptions,
  ) {
    this.settings = new SettingsService(
      options.settings,
      options.settingsFile ?? new SettingsFile(options.paths.configFile),
      { check: (next) => this.check(next), apply: (next) => this.configure(next) },
    );
    const services: EngineServices = {
      store,
      clock: options.clock ?? systemClock,
      log: options.log,
      events: this.events,
      samples: new SampleStream(options.log),
      settings: this.settings,
      host: hostname(),
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
  }

  /** Starts every module, sampling last. Throws (starting nothing) when the settings are refused. */
  async start(): Promise<void> {
    if (this.started) return;
    this.check(this.settings.current());
    this.started = true;
    for (const { instance } of this.built) await instance.start?.();
  }

  /** Stops every module (sampling first), commits what is buffered and closes the database. */
  async stop(): Promise<void> {
    for (const { instance } of [...this.built].reverse()) await instance.stop?.();
    this.store.close();
    this.started = false;
    this.options.log.info('engine stopped');
    this.events.clear();
  }

  on<K extends EventName>(event: K, listener: (payload: DashlightEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  // What the hosts ask beyond the contract: the CLI, the desktop shell, and tests.

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

/** The contract's handlers, as the hosts call them: a method without input takes no argument. */
export type EngineHandlers = {
  [K in MethodName]: undefined extends MethodParsedInput<K>
    ? (input?: MethodParsedInput<K>) => Promise<MethodOutput<K>>
    : (input: MethodParsedInput<K>) => Promise<MethodOutput<K>>;
};

/** The engine as the hosts see it: the contract's handlers, and the host calls of EngineHost. */
export type Engine = EngineHost & EngineHandlers;
export const Engine = EngineHost;
