/**
 * Stores a finished minute: its apps' names and busiest commands resolved to catalogue ids, the
 * bucket written (merged with one already there), and the minutes tier marked final up to its end,
 * all in one transaction.
 *
 * @example
 * writeMinute({ history, catalog, widthMs: 60_000 }, minute);
 */
import type { AppCatalog } from './app-catalog.js';
import type { MinuteBucket } from './minute-accumulator.js';
import type { ProcessHistory } from './process-history.js';
import { MINUTE_KEEP } from './process-tiers.js';

export interface MinuteStore {
  readonly history: ProcessHistory;
  readonly catalog: AppCatalog;
  /** The finest tier's width (a minute). */
  readonly widthMs: number;
}

export function writeMinute({ history, catalog, widthMs }: MinuteStore, minute: MinuteBucket): void {
  const at = minute.start;
  history.transaction(() => {
    const apps = minute.apps.map((app) => {
      const appId = catalog.appId(app.app);
      return { ...app, appId, commandId: catalog.commandId(appId, app.topPid, app.topCommand, at) };
    });
    history.put(widthMs, at, { ...minute, apps }, MINUTE_KEEP);
    const done = history.watermark(widthMs);
    if (done === null || done < at + widthMs) history.setWatermark(widthMs, at + widthMs);
  });
}
