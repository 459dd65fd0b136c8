/**
 * The services a module is built with, for testing one module alone: a real sample stream, event
 * bus and settings service, a test clock, and a store of the caller's choosing (by default one that
 * throws on any use, which proves a module answers from memory).
 *
 * @example
 * const { services, samples, settings } = moduleServices({ prometheus: { enabled: true, port: 0 } });
 * const module = new PrometheusModule(services);
 * settings.applyTo(module);
 * samples.publish({ ts: T0, values: { 'cpu.total': 12.5 } });
 */
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../../../shared/settings.js';
import type { EngineServices } from '../core/engine-module.js';
import { CollectorSet } from '../core/collector-set.js';
import { EventBus } from '../core/event-bus.js';
import { ProcessStream } from '../core/process-stream.js';
import { SampleStream } from '../core/sample-stream.js';
import { SettingsService } from '../core/settings-service.js';
import type { EngineOptions } from '../engine-options.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { MetricStore } from '../store/metric-store.js';
import { headlessSealer, SecretCodec } from '../settings/secret-codec.js';
import { TestClock } from './test-clock.js';

/** A store that fails the test the moment anything of it is touched. */
export function untouchableStore(): MetricStore {
  return new Proxy({} as MetricStore, {
    get: (_target, property) => {
      throw new Error(`the store was used (${String(property)}): this module must answer from memory`);
    },
  });
}

export interface ModuleServices {
  readonly services: EngineServices;
  readonly samples: SampleStream;
  readonly clock: TestClock;
  /** Applied settings go to every module given to `applyTo`, as the engine's configure does. */
  readonly settings: SettingsService & { applyTo(module: { configure?(settings: Settings): void }): void };
}

export function moduleServices(
  patch: Record<string, unknown> = {},
  options: { store?: MetricStore; clock?: TestClock; log?: Logger; host?: string; secrets?: SecretCodec } = {},
): ModuleServices {
  const clock = options.clock ?? new TestClock(Date.UTC(2026, 0, 1));
  const samples = new SampleStream(silentLogger());
  const modules: { configure?(settings: Settings): void }[] = [];
  const settings = Object.assign(
    new SettingsService(
      mergeSettings(DEFAULT_SETTINGS, patch),
      { save: (next) => next },
      { check: () => {}, apply: (next) => modules.forEach((m) => m.configure?.(next)) },
    ),
    { applyTo: (module: { configure?(settings: Settings): void }) => void modules.push(module) },
  );
  const services: EngineServices = {
    store: options.store ?? untouchableStore(),
    clock,
    log: options.log ?? silentLogger(),
    events: new EventBus(),
    samples,
    settings,
    secrets: options.secrets ?? new SecretCodec(headlessSealer, { env: {} }),
    collectors: new CollectorSet({ hot: [], slow: [] }),
    processes: new ProcessStream(silentLogger()),
    host: options.host ?? 'test-host',
    options: {} as EngineOptions,
  };
  return { services, samples, clock, settings };
}
