/**
 * A process table the test writes: each pass returns the processes set last, stamped with the
 * test's clock. The first pass (and the first after reset) primes, as the real tables do.
 *
 * @example
 * const table = new FakeProcessTable(clock, 4);
 * table.processes = [proc(10, 'firefox', { cpuCs: 250 })];
 * const engine = await Engine.open({ …, processTable: table });
 */
import type { Clock } from '../../../schedule/clock.js';
import type { AppIdentity } from '../app-identity.js';
import type { ProcessReading, ProcessSnapshot, ProcessTable } from '../process-snapshot.js';

export class FakeProcessTable implements ProcessTable {
  processes: ProcessReading[] = [];
  passes = 0;
  private lastMono: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly cores = 4,
  ) {}

  async read(): Promise<ProcessSnapshot> {
    this.passes += 1;
    const mono = this.clock.mono();
    const elapsedMs = this.lastMono === null ? null : mono - this.lastMono;
    this.lastMono = mono;
    const processes = elapsedMs === null ? this.processes.map((p) => ({ ...p, cpuCs: 0, ioBytes: 0 })) : this.processes;
    return { ts: this.clock.wall(), elapsedMs, cores: this.cores, processes };
  }

  reset(): void {
    this.lastMono = null;
  }

  async close(): Promise<void> {
    this.lastMono = null;
  }
}

/** A process of app `name` (an executable unless `app` says otherwise). */
export function proc(
  pid: number,
  name: string,
  usage: Partial<ProcessReading> = {},
  app?: AppIdentity,
): ProcessReading {
  return {
    pid,
    app: app ?? { kind: 'exe', name },
    exe: name,
    command: `/usr/bin/${name}`,
    cpuCs: 0,
    rssBytes: 0,
    ioBytes: 0,
    ...usage,
  };
}
