/**
 * One pass over the process table, summed per app: what the live view shows and what the minute
 * accumulator adds up. The app's busiest process (most CPU in the pass, then most memory) stands
 * for it, with its pid and command line.
 *
 * @example
 * const apps = appsOfPass(snapshot); // Map { 'exe:firefox' => { cpuCs: 412, rssBytes: 2.1e9, processes: 14, … } }
 */
import { appKey, type AppIdentity } from '../collect/processes/app-identity.js';
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';

export interface PassApp {
  readonly key: string;
  readonly app: AppIdentity;
  /** Hundredths of a CPU-second in the pass. */
  cpuCs: number;
  rssBytes: number;
  /** Storage bytes in the pass; null while none of its processes could be read. */
  ioBytes: number | null;
  processes: number;
  topPid: number;
  topCommand: string;
  topCpuCs: number;
  topRssBytes: number;
}

export function appsOfPass(snapshot: ProcessSnapshot): Map<string, PassApp> {
  const apps = new Map<string, PassApp>();
  for (const p of snapshot.processes) {
    const key = appKey(p.app);
    let app = apps.get(key);
    if (!app) {
      app = {
        key,
        app: p.app,
        cpuCs: 0,
        rssBytes: 0,
        ioBytes: null,
        processes: 0,
        topPid: p.pid,
        topCommand: p.command,
        topCpuCs: p.cpuCs,
        topRssBytes: p.rssBytes,
      };
      apps.set(key, app);
    } else if (p.cpuCs > app.topCpuCs || (p.cpuCs === app.topCpuCs && p.rssBytes > app.topRssBytes)) {
      app.topPid = p.pid;
      app.topCommand = p.command;
      app.topCpuCs = p.cpuCs;
      app.topRssBytes = p.rssBytes;
    }
    app.cpuCs += p.cpuCs;
    app.rssBytes += p.rssBytes;
    if (p.ioBytes !== null) app.ioBytes = (app.ioBytes ?? 0) + p.ioBytes;
    app.processes += 1;
  }
  return apps;
}
