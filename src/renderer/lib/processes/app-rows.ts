/**
 * Process history and the live process list as table rows for people: CPU time, share of the
 * machine, memory and disk I/O in the one units convention (src/shared/units.ts), the app's kind
 * in words, and its busiest process.
 *
 * @example
 * rangeAppRows(result)[0] // { app: 'firefox', kind: '', cpu: '13m32s', share: '5.6 %', memory: '1.9 GiB', io: '12.0 MiB', … }
 * liveAppRows(live, 'memory')[0] // { app: 'postgresql.service', kind: 'service', cpu: '20.0 %', memory: '2.0 GiB', … }
 */
import type { AppKind, AppUsage, LiveApp, LiveProcesses, TopProcessesResult } from '../../../shared/processes.js';
import { countOf, formatUnit } from '../../../shared/units.js';

/** What the kind adds to an app's name; a plain executable needs no word. */
const KIND_WORDS: Record<AppKind, string> = {
  exe: '',
  bundle: 'app',
  unit: 'service',
  container: 'container',
  kernel: 'kernel',
};

export function kindLabel(kind: AppKind): string {
  return KIND_WORDS[kind];
}

export interface AppRow {
  readonly key: string;
  readonly app: string;
  readonly kind: string;
  readonly cpu: string;
  readonly share: string;
  readonly memory: string;
  readonly io: string;
  readonly pid: string;
  readonly command: string;
}

/** One row; `cpu`, `share`, `memory` and `io` come formatted by the caller's view. */
function row(
  app: { app: string; kind: AppKind; command: string },
  figures: Pick<AppRow, 'cpu' | 'share' | 'memory' | 'io' | 'pid'>,
): AppRow {
  return { key: `${app.kind}:${app.app}`, app: app.app, kind: kindLabel(app.kind), command: app.command, ...figures };
}

export function rangeAppRows(result: TopProcessesResult | null): AppRow[] {
  return (result?.apps ?? []).map((a: AppUsage) =>
    row(a, {
      cpu: formatUnit('seconds', a.cpuSeconds),
      share: formatUnit('percent', a.cpuShare * 100),
      memory: formatUnit('bytes', a.peakRssBytes),
      io: a.ioBytes === null ? '–' : formatUnit('bytes', a.ioBytes),
      pid: String(a.topPid),
    }),
  );
}

/** How many apps the Overview's live table lists. */
export const LIVE_ROWS = 10;

export function liveAppRows(live: LiveProcesses | null, by: 'cpu' | 'memory', limit = LIVE_ROWS): AppRow[] {
  const apps = [...(live?.apps ?? [])].sort((a, b) =>
    by === 'cpu' ? b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes : b.rssBytes - a.rssBytes,
  );
  return apps.slice(0, limit).map((a: LiveApp) =>
    row(a, {
      cpu: formatUnit('percent', a.cpuPercent),
      share: formatUnit('percent', a.cpuShare * 100),
      memory: formatUnit('bytes', a.rssBytes),
      io: a.ioBytesPerSecond === null ? '–' : formatUnit('bytes_per_second', a.ioBytesPerSecond),
      pid: a.processes > 1 ? `${a.topPid} (${countOf(a.processes, 'process', 'processes')})` : String(a.topPid),
    }),
  );
}
