/**
 * Which apps `/metrics` reports, and for how long. From each `processes` event (one pass over the
 * process table) it keeps the ten busiest apps by CPU and the ten largest by memory, at most twenty
 * apps whatever the machine runs, so a scraper's series stay few. The event lists the top twelve
 * of each (processes/live-view.ts), so these ten are exact. The pass is reported until it is older
 * than its cadence allows (three missed passes, never less than ten seconds), as a sample's series
 * are (core/latest-values.ts): process history turned off or a paused engine stops being reported
 * instead of repeating the last pass.
 *
 * @example
 * const apps = new LatestApps();
 * events.on('processes', (live) => apps.observe(live));
 * apps.fresh(clock.wall(), processHorizonMs(5_000)); // [{ app: 'firefox', cpuPercent: 38.5, … }, …]
 */
import type { LiveApp, LiveProcesses } from '../../../shared/processes.js';

/** Apps by CPU, and by memory, in each scrape. */
export const TOP_APPS = 10;

/** How old a pass may be and still count as current: three passes, and never less than ten seconds. */
export function processHorizonMs(intervalMs: number): number {
  return Math.max(3 * intervalMs, 10_000);
}

const byCpu = (a: LiveApp, b: LiveApp): number =>
  b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0);
const byMemory = (a: LiveApp, b: LiveApp): number => b.rssBytes - a.rssBytes || byCpu(a, b);

/**
 * The `limit` busiest apps by CPU (idle ones are no one's busiest) and the `limit` largest by
 * memory, each once, busiest first.
 */
export function selectTopApps(apps: readonly LiveApp[], limit = TOP_APPS): LiveApp[] {
  const chosen = new Set(
    apps
      .filter((app) => app.cpuPercent > 0)
      .sort(byCpu)
      .slice(0, limit),
  );
  for (const app of [...apps].sort(byMemory).slice(0, limit)) chosen.add(app);
  return [...chosen].sort(byCpu);
}

export class LatestApps {
  private ts: number | null = null;
  private apps: readonly LiveApp[] = [];

  /** Chosen once per pass, so a scrape only reads them. */
  observe(live: LiveProcesses): void {
    this.ts = live.ts;
    this.apps = selectTopApps(live.apps);
  }

  /** Forgets the pass (process history turned off). */
  clear(): void {
    this.ts = null;
    this.apps = [];
  }

  /** The top apps of the newest pass, or none before the first or once it is older than `horizonMs`. */
  fresh(now: number, horizonMs: number): readonly LiveApp[] {
    return this.ts !== null && now - this.ts <= horizonMs ? this.apps : [];
  }
}
