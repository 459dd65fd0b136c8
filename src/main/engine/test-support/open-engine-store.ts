/**
 * A store opened as the engine opens it: with every module's migrations, so the alert, archive
 * and push tables are there. For tests of a module's own storage without a whole engine.
 *
 * @example
 * const store = await openEngineStore(join(dir, 'dashlight.db'));
 * const alerts = new AlertStore(store.connection);
 */
import { ENGINE_MIGRATIONS } from '../modules.js';
import { MetricStore, type MetricStoreOptions } from '../store/metric-store.js';

export function openEngineStore(file: string, options: MetricStoreOptions = {}): Promise<MetricStore> {
  return MetricStore.open(file, { ...options, migrations: ENGINE_MIGRATIONS });
}
