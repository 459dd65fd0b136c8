/**
 * Which apps a bucket keeps: the top `keep` by CPU, by peak memory and by storage I/O, together.
 * Keeping each list whole is what makes a bucket's top `keep` by any of the three exact; an app
 * with no CPU (or no I/O) never takes a place in that list.
 *
 * @example
 * selectTop(apps, 10) // at most 30 apps, busiest by CPU first
 */

export interface Ranked {
  readonly cpuCs: number;
  readonly peakRssKib: number;
  readonly ioKib: number | null;
}

export function selectTop<T extends Ranked>(apps: readonly T[], keep: number): T[] {
  const chosen = new Set<T>();
  const take = (value: (app: T) => number) => {
    const ranked = apps.filter((app) => value(app) > 0).sort((a, b) => value(b) - value(a));
    for (const app of ranked.slice(0, keep)) chosen.add(app);
  };
  take((app) => app.cpuCs);
  take((app) => app.peakRssKib);
  take((app) => app.ioKib ?? 0);
  return [...chosen].sort((a, b) => b.cpuCs - a.cpuCs || b.peakRssKib - a.peakRssKib);
}
