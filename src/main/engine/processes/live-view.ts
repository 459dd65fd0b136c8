/**
 * The `processes` event: the busiest apps of the last pass by CPU, then the largest by memory not
 * already listed, with CPU as percent of one core and as a share of the machine.
 *
 * @example
 * liveView(snapshot, appsOfPass(snapshot)).apps[0] // { app: 'firefox', cpuPercent: 38.2, rssBytes: 2.1e9, … }
 */
import type { LiveApp, LiveProcesses } from '../../../shared/processes.js';
import type { ProcessSnapshot } from '../collect/processes/process-snapshot.js';
import type { PassApp } from './pass-apps.js';

/** Apps by CPU, and by memory, in each event. */
export const LIVE_TOP = 12;
/** The live view is not an archive: long command lines are cut. */
const COMMAND_CHARS = 200;

export function liveView(snapshot: ProcessSnapshot, apps: ReadonlyMap<string, PassApp>): LiveProcesses {
  const elapsed = snapshot.elapsedMs ?? 0;
  const list = [...apps.values()];
  const byCpu = list.filter((a) => a.cpuCs > 0).sort((a, b) => b.cpuCs - a.cpuCs || b.rssBytes - a.rssBytes);
  const chosen = new Set(byCpu.slice(0, LIVE_TOP));
  for (const app of [...list].sort((a, b) => b.rssBytes - a.rssBytes).slice(0, LIVE_TOP)) chosen.add(app);
  const view = (a: PassApp): LiveApp => {
    // Hundredths of a CPU-second over elapsed ms: ×1000 / elapsed gives percent of one core.
    const cpuPercent = elapsed > 0 ? (a.cpuCs * 1000) / elapsed : 0;
    return {
      app: a.app.name,
      kind: a.app.kind,
      cpuPercent,
      cpuShare: snapshot.cores > 0 ? Math.min(1, cpuPercent / 100 / snapshot.cores) : 0,
      rssBytes: a.rssBytes,
      ioBytesPerSecond: a.ioBytes === null || elapsed <= 0 ? null : (a.ioBytes * 1000) / elapsed,
      processes: a.processes,
      topPid: a.topPid,
      command: a.topCommand.length > COMMAND_CHARS ? `${a.topCommand.slice(0, COMMAND_CHARS - 1)}…` : a.topCommand,
    };
  };
  return {
    ts: snapshot.ts,
    intervalMs: elapsed,
    cores: snapshot.cores,
    processCount: snapshot.processes.length,
    apps: [...chosen].map(view).sort((a, b) => b.cpuPercent - a.cpuPercent || b.rssBytes - a.rssBytes),
  };
}
