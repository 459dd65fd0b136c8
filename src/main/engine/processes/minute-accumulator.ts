/**
 * Adds passes over the process table up into minutes: per app, CPU time and storage I/O summed,
 * resident memory at its highest, and the busiest process. A pass belongs to the minute it
 * ended in. When a pass opens a new minute, the one before is complete and comes back, cut
 * down to the apps its top lists need (top-selection.ts).
 *
 * @example
 * const minutes = new MinuteAccumulator(10);
 * const done = minutes.add(snapshot.ts, snapshot.elapsedMs, snapshot.cores, appsOfPass(snapshot));
 * if (done) history.write(done);
 */
import type { AppIdentity } from '../collect/processes/app-identity.js';
import type { PassApp } from './pass-apps.js';
import { MINUTE_MS, bucketStart } from '../store/schema.js';
import { selectTop } from './top-selection.js';

export interface MinuteApp {
  readonly key: string;
  readonly app: AppIdentity;
  cpuCs: number;
  peakRssKib: number;
  ioKib: number | null;
  topPid: number;
  topCommand: string;
  /** The most CPU its busiest process used in one pass: how `topPid` was chosen. */
  topCpuCs: number;
}

export interface MinuteBucket {
  readonly start: number;
  cores: number;
  spanMs: number;
  totalCpuCs: number;
  totalIoKib: number | null;
  apps: MinuteApp[];
}

interface Open {
  readonly start: number;
  cores: number;
  spanMs: number;
  totalCpuCs: number;
  totalIoBytes: number | null;
  readonly apps: Map<string, MinuteApp & { ioBytes: number | null }>;
}

export class MinuteAccumulator {
  private open: Open | null = null;

  /** `keep`: how many apps each of the minute's three top lists holds. */
  constructor(private readonly keep: number) {}

  /** Adds a pass; returns the previous minute if this pass began a new one. */
  add(ts: number, elapsedMs: number | null, cores: number, apps: ReadonlyMap<string, PassApp>): MinuteBucket | null {
    const start = bucketStart(ts, MINUTE_MS);
    let done: MinuteBucket | null = null;
    if (this.open && this.open.start !== start) done = this.take();
    const open = (this.open ??= {
      start,
      cores,
      spanMs: 0,
      totalCpuCs: 0,
      totalIoBytes: null,
      apps: new Map(),
    });
    open.cores = Math.max(open.cores, cores);
    open.spanMs += elapsedMs ?? 0;
    for (const pass of apps.values()) {
      open.totalCpuCs += pass.cpuCs;
      if (pass.ioBytes !== null) open.totalIoBytes = (open.totalIoBytes ?? 0) + pass.ioBytes;
      let app = open.apps.get(pass.key);
      if (!app) {
        app = {
          key: pass.key,
          app: pass.app,
          cpuCs: 0,
          peakRssKib: 0,
          ioKib: null,
          ioBytes: null,
          topPid: pass.topPid,
          topCommand: pass.topCommand,
          topCpuCs: -1,
        };
        open.apps.set(pass.key, app);
      }
      app.cpuCs += pass.cpuCs;
      app.peakRssKib = Math.max(app.peakRssKib, Math.round(pass.rssBytes / 1024));
      if (pass.ioBytes !== null) app.ioBytes = (app.ioBytes ?? 0) + pass.ioBytes;
      if (pass.topCpuCs > app.topCpuCs) {
        app.topPid = pass.topPid;
        app.topCommand = pass.topCommand;
        app.topCpuCs = pass.topCpuCs;
      }
    }
    return done;
  }

  /** The minute in progress as it stands (for queries reaching now), without ending it. */
  peek(): MinuteBucket | null {
    return this.open ? this.finish(this.open) : null;
  }

  /** Ends the minute in progress (the engine stops) and returns it. */
  take(): MinuteBucket | null {
    const open = this.open;
    this.open = null;
    return open ? this.finish(open) : null;
  }

  private finish(open: Open): MinuteBucket {
    const apps = [...open.apps.values()].map(({ ioBytes, ...app }) => ({
      ...app,
      ioKib: ioBytes === null ? null : Math.round(ioBytes / 1024),
    }));
    return {
      start: open.start,
      cores: open.cores,
      spanMs: open.spanMs,
      totalCpuCs: open.totalCpuCs,
      totalIoKib: open.totalIoBytes === null ? null : Math.round(open.totalIoBytes / 1024),
      apps: selectTop(apps, this.keep),
    };
  }
}
