/**
 * The process history's parts on a real SQLite file opened as the engine opens it, for tests.
 *
 * @example
 * const parts = await openProcessHistory(join(dir(), 'a.db'));
 * writeMinute(parts, minute); parts.query({ from, to, by: 'cpu', limit: 10 });
 */
import type { TopProcessesInput, TopProcessesResult } from '../../../shared/processes.js';
import type { PassApp } from './pass-apps.js';
import { openEngineStore } from '../test-support/open-engine-store.js';
import type { MetricStore } from '../store/metric-store.js';
import { AppCatalog } from './app-catalog.js';
import type { MinuteBucket } from './minute-accumulator.js';
import { ProcessHistory } from './process-history.js';
import { ProcessRetention } from './process-retention.js';
import { ProcessRollup } from './process-rollup.js';
import { processTiers } from './process-tiers.js';
import { queryTopApps } from './top-apps-query.js';

export async function openProcessHistory(file: string) {
  const store: MetricStore = await openEngineStore(file);
  const db = store.connection;
  const tiers = processTiers();
  const catalog = new AppCatalog(db);
  const history = new ProcessHistory(db);
  return {
    store,
    catalog,
    history,
    tiers,
    widthMs: tiers[0]!.ms,
    rollup: new ProcessRollup(history, tiers),
    retention: new ProcessRetention(db, history, catalog, tiers),
    query: (input: TopProcessesInput, open: MinuteBucket | null = null): TopProcessesResult =>
      queryTopApps(input, { history, catalog, tiers, open }),
  };
}

/** One app's figures for a pass. */
export function passApp(
  name: string,
  usage: Partial<Pick<PassApp, 'cpuCs' | 'rssBytes' | 'ioBytes' | 'topPid' | 'topCommand' | 'processes'>>,
): PassApp {
  const topCpuCs = usage.cpuCs ?? 0;
  return {
    key: `exe:${name}`,
    app: { kind: 'exe', name },
    cpuCs: 0,
    rssBytes: 0,
    ioBytes: null,
    processes: 1,
    topPid: 100,
    topCommand: `/usr/bin/${name}`,
    topCpuCs,
    topRssBytes: usage.rssBytes ?? 0,
    ...usage,
  };
}

/** A pass's apps by key, as appsOfPass returns them. */
export function passOf(apps: readonly PassApp[]): Map<string, PassApp> {
  return new Map(apps.map((app) => [app.key, app]));
}
