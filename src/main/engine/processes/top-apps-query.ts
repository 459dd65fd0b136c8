/**
 * `topProcesses`: the apps that used the most CPU, memory or storage I/O over a range. Reads the
 * finest tier that reaches back to the start of the range in at most MAX_BUCKETS buckets; the part
 * a coarse tier has not rolled up yet comes from the finer ones, and the minute still open from
 * memory, so a range ending now includes the last few seconds.
 *
 * @example
 * const result = queryTopApps({ from, to, by: 'cpu', limit: 10 }, sources);
 * result.apps[0] // { app: 'firefox', cpuSeconds: 812.4, cpuShare: 0.056, … }
 */
import type { AppUsage, TopProcessesInput, TopProcessesResult } from '../../../shared/processes.js';
import { bucketStart } from '../store/schema.js';
import type { AppCatalog, CommandInfo } from './app-catalog.js';
import { BucketMerger } from './bucket-merger.js';
import type { MinuteBucket } from './minute-accumulator.js';
import type { ProcessHistory } from './process-history.js';
import type { ProcessTier } from './process-tiers.js';

/** Most buckets one query reads: a year of hours is 8,760. */
export const MAX_BUCKETS = 10_000;

export interface TopAppsSources {
  readonly history: ProcessHistory;
  readonly catalog: AppCatalog;
  readonly tiers: readonly ProcessTier[];
  /** The minute in progress, in memory; null in a process that does not sample (the CLI). */
  readonly open: MinuteBucket | null;
}

export function queryTopApps(input: TopProcessesInput, sources: TopAppsSources): TopProcessesResult {
  const { history, tiers } = sources;
  const index = chooseTier(input, sources);
  const merged = new BucketMerger();
  const read = (i: number, from: number, to: number): void => {
    const tier = tiers[i]!;
    // Minutes are written whole; a coarse tier is final only up to its rollup watermark.
    const done = i === 0 ? Number.POSITIVE_INFINITY : (history.watermark(tier.ms) ?? Number.NEGATIVE_INFINITY);
    const upTo = Math.min(to, done);
    if (from < upTo) history.scan(tier.ms, bucketStart(from, tier.ms), upTo, (_, data) => merged.add(data));
    if (i > 0 && to > Math.max(from, done)) read(i - 1, Math.max(from, done), to);
  };
  read(index, input.from, input.to);
  const pending = addOpenMinute(merged, input, sources);
  const ranked = rank(merged, input.by).slice(0, input.limit);
  const commandOf = (id: number): CommandInfo | undefined => pending.get(id) ?? sources.catalog.command(id);
  const apps = ranked.map((id): AppUsage => {
    const app = sources.catalog.app(id) ?? { kind: 'exe' as const, name: `app ${id}` };
    const cpuSeconds = merged.cpuCs[id]! / 100;
    const capacity = (merged.cores * merged.spanMs) / 1000;
    const command = commandOf(merged.commandId[id]!);
    return {
      app: app.name,
      kind: app.kind,
      cpuSeconds,
      cpuShare: capacity > 0 ? Math.min(1, cpuSeconds / capacity) : 0,
      peakRssBytes: merged.peakRssKib[id]! * 1024,
      ioBytes: merged.ioKib[id]! < 0 ? null : merged.ioKib[id]! * 1024,
      topPid: command?.pid ?? 0,
      command: command?.command ?? '',
    };
  });
  return {
    from: input.from,
    to: input.to,
    by: input.by,
    bucketMs: tiers[index]!.ms,
    coveredMs: merged.spanMs,
    cores: merged.cores,
    totalCpuSeconds: merged.totalCpuCs / 100,
    apps,
  };
}

/**
 * The finest tier that reaches back to `from` (or as far back as any tier reaches) within
 * MAX_BUCKETS buckets; the coarsest one when none is that short.
 */
function chooseTier(input: TopProcessesInput, { history, tiers }: TopAppsSources): number {
  const oldest = tiers.map((tier) => history.firstFrom(tier.ms, 0));
  const known = oldest.filter((ts): ts is number => ts !== null);
  const reach = Math.max(input.from, known.length > 0 ? Math.min(...known) : input.from);
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    if ((input.to - input.from) / tier.ms > MAX_BUCKETS) continue;
    const first = oldest[i];
    if (first !== null && first !== undefined && bucketStart(first, tier.ms) <= bucketStart(reach, tier.ms)) return i;
  }
  for (let i = 0; i < tiers.length; i++) {
    if ((input.to - input.from) / tiers[i]!.ms <= MAX_BUCKETS) return i;
  }
  return tiers.length - 1;
}

/** Adds the minute in progress; its commands are not in the catalogue yet, so they come back by temporary id. */
function addOpenMinute(
  merged: BucketMerger,
  input: TopProcessesInput,
  { open, catalog }: TopAppsSources,
): Map<number, CommandInfo> {
  const pending = new Map<number, CommandInfo>();
  if (!open || open.start + 60_000 <= input.from || open.start >= input.to) return pending;
  merged.addData({
    cores: open.cores,
    spanMs: open.spanMs,
    totalCpuCs: open.totalCpuCs,
    totalIoKib: open.totalIoKib,
    apps: open.apps.map((app, i) => {
      const commandId = -1 - i;
      pending.set(commandId, { pid: app.topPid, command: app.topCommand });
      return { ...app, appId: catalog.appId(app.app), commandId };
    }),
  });
  return pending;
}

function rank(merged: BucketMerger, by: TopProcessesInput['by']): number[] {
  const value = (id: number): number =>
    by === 'cpu' ? merged.cpuCs[id]! : by === 'memory' ? merged.peakRssKib[id]! : merged.ioKib[id]!;
  return merged.ids.filter((id) => value(id) > 0).sort((a, b) => value(b) - value(a) || a - b);
}
