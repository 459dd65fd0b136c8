/**
 * The engine's features, one line each. A new feature is a folder with a module
 * (core/engine-module.ts) and one line here: its methods join the contract's handlers, its
 * migrations the store's list, its settings sections the settings service.
 *
 * Order matters twice: modules read the sample stream in this order, and start in this order
 * (stop in reverse). Sampling comes last, so every other module is ready for the first sample
 * and is still running while sampling stops.
 *
 * @example
 * // A sensors feature: sensors/sensors-module.ts, then this one line before samplingModule:
 * //   sensorsModule,
 * const engine = await Engine.open(options); // serves its methods, runs its migrations
 */
import type { MethodName } from '../../shared/contract.js';
import { alertsModule } from './alerts/alerts-module.js';
import { mergeMigrations } from './core/merge-migrations.js';
import type { ServedMethods } from './core/engine-module.js';
import { diagnosticsModule } from './diagnostics/diagnostics-module.js';
import { exportModule } from './export/export-module.js';
import { mqttModule } from './mqtt/mqtt-module.js';
import { prometheusModule } from './prometheus/prometheus-module.js';
import { probesModule } from './probes/probes-module.js';
import { processesModule } from './processes/processes-module.js';
import { pushModule } from './push/push-module.js';
import { queriesModule } from './queries/queries-module.js';
import { samplingModule } from './sampling/sampling-module.js';
import { settingsModule } from './settings/settings-module.js';
import { STORE_MIGRATIONS } from './store/migrations.js';

export const ENGINE_MODULES = [
  settingsModule,
  queriesModule,
  alertsModule,
  exportModule,
  pushModule,
  diagnosticsModule,
  prometheusModule,
  mqttModule,
  processesModule,
  probesModule,
  samplingModule,
] as const;

/** Every migration of the store and the modules: what the engine opens its database with. */
export const ENGINE_MIGRATIONS = mergeMigrations(STORE_MIGRATIONS, ENGINE_MODULES);

/** A contract method no module serves fails to compile here (and at run time in mergeHandlers). */
type Unserved = Exclude<MethodName, ServedMethods<typeof ENGINE_MODULES>>;
export const EVERY_METHOD_SERVED: [Unserved] extends [never] ? true : { unserved: Unserved } = true;
