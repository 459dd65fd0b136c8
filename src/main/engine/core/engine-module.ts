/**
 * What a feature of the engine is made of. A module declares the slice of the contract it serves,
 * the settings sections it reads, the migrations that create its tables, and how to build it from
 * the engine's services; the engine (../engine.ts) lists its modules (../modules.ts) and merges
 * their handlers. Modules meet only through the services (the store, the clock, the log, the
 * event bus, the sample stream, the settings), never through each other or their owner.
 *
 * @example
 * export const diagnosticsModule = defineModule({
 *   name: 'diagnostics',
 *   methods: ['diagnostics'],
 *   sections: [],
 *   migrations: {},
 *   create: (services) => new DiagnosticsModule(services),
 * });
 */
import type { DashlightHandlers, MethodName } from '../../../shared/contract.js';
import type { Settings } from '../../../shared/settings.js';
import type { EngineOptions } from '../engine-options.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../schedule/clock.js';
import type { SecretCodec } from '../settings/secret-codec.js';
import type { MetricStore } from '../store/metric-store.js';
import type { Migrations } from '../store/migrations.js';
import type { CollectorSet } from './collector-set.js';
import type { EventBus } from './event-bus.js';
import type { ProcessStream } from './process-stream.js';
import type { SampleStream } from './sample-stream.js';
import type { SettingsService } from './settings-service.js';

/** The services every module is built with: the only ways it reaches the rest of the engine. */
export interface EngineServices {
  /** The metric store; modules with tables of their own use its connection. */
  readonly store: MetricStore;
  /** The one source of the time: modules never read Date.now() themselves. */
  readonly clock: Clock;
  readonly log: Logger;
  /** The contract's events, to every transport and host. */
  readonly events: EventBus;
  /** Every sample, in order, as the sampling module takes it. */
  readonly samples: SampleStream;
  /** The collectors sampling reads: this OS's, and those modules add (the latency probes). */
  readonly collectors: CollectorSet;
  /** Every pass over the process table, as the processes module takes it (process alert rules read it). */
  readonly processes: ProcessStream;
  /** The settings in force, and the one way to change them (validated, saved, then applied). */
  readonly settings: SettingsService;
  /**
   * Opens the secrets of the settings (fields declared with `secret()`), only where they are sent:
   * `secrets.open(value)` gives the text or throws why it cannot (sealed by the desktop app,
   * an unset variable, a file others can read).
   */
  readonly secrets: SecretCodec;
  /** This machine's name, as stamped on exports, pushes and notifications. */
  readonly host: string;
  /** What the host opened the engine with: paths, and the seams for tests and the desktop shell. */
  readonly options: EngineOptions;
}

/** A module once built: its handlers and its life cycle. */
export interface ModuleInstance<M extends MethodName, S extends keyof Settings> {
  readonly handlers: Pick<DashlightHandlers, M>;
  /** Throws to refuse settings (before they are saved, or before the engine starts). */
  check?(settings: Pick<Settings, S>): void;
  start?(): void | Promise<void>;
  /** Cancels its jobs and waits for work in progress; the store is closed after every module stopped. */
  stop?(): void | Promise<void>;
  /** New settings, already checked and saved; called on every change, whichever section moved. */
  configure?(settings: Pick<Settings, S>): void;
}

export interface EngineModule<
  M extends MethodName = MethodName,
  S extends keyof Settings = keyof Settings,
  I = ModuleInstance<M, S>,
> {
  /** A short name for logs and errors. */
  readonly name: string;
  /** The contract methods it serves; each method is served by exactly one module. */
  readonly methods: readonly M[];
  /** The settings sections it reads; `check` and `configure` see only these. */
  readonly sections: readonly S[];
  /** Its own numbered, frozen migrations (see ../store/migrations.ts). */
  readonly migrations: Migrations;
  create(services: EngineServices): I;
}

/** Declares a module; the type parameters come from the literal, so the compiler checks its handlers. */
export function defineModule<
  const M extends MethodName,
  const S extends keyof Settings,
  I extends ModuleInstance<M, S>,
>(module: EngineModule<M, S, I>): EngineModule<M, S, I> {
  return module;
}

/** Any module, whatever it serves: what the engine's list holds. */
export type AnyModule = EngineModule<MethodName, keyof Settings, ModuleInstance<never, never>>;

type MethodsOf<X> = X extends { readonly methods: readonly (infer M)[] } ? M : never;

/** The methods a list of modules serves, as a union. */
export type ServedMethods<T extends readonly AnyModule[]> = MethodsOf<T[number]>;
