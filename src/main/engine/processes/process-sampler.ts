/**
 * Passes over the process table at the process cadence, on its own schedule beside sampling.
 * A pass after a gap (a sleep, a clock jump, a pause of sampling) only primes: CPU counted
 * across the hole would be credited to the wrong minutes.
 *
 * @example
 * const sampler = new ProcessSampler({ table, clock, log, intervalMs: 5000, onPass });
 * sampler.start(); … await sampler.stop();
 */
import type { ProcessSnapshot, ProcessTable } from '../collect/processes/process-snapshot.js';
import type { Logger } from '../log/logger.js';
import { systemClock, type Clock } from '../schedule/clock.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import { detectGap, type TickTime } from '../sampling/gap-detector.js';

export interface ProcessSamplerOptions {
  readonly table: ProcessTable;
  readonly clock: Clock;
  readonly log: Logger;
  readonly intervalMs: number;
  /** Every pass; `gapBefore` when it follows a hole in the record. */
  readonly onPass: (snapshot: ProcessSnapshot, gapBefore: boolean) => void;
}

export class ProcessSampler {
  private readonly job: RepeatingJob;
  private last: TickTime | undefined;
  private intervalMs: number;
  private held = false;
  private gapPending = false;
  private failing = false;

  constructor(private readonly options: ProcessSamplerOptions) {
    this.intervalMs = options.intervalMs;
    // Timers follow the real clock; the injected one only stamps and compares passes.
    this.job = new RepeatingJob(
      'processes',
      this.intervalMs,
      () => this.pass(),
      systemClock,
      (error) => options.log.error({ err: error }, 'process pass failed'),
    );
  }

  get interval(): number {
    return this.intervalMs;
  }

  get running(): boolean {
    return this.job.active;
  }

  start(): void {
    this.job.start();
  }

  async stop(): Promise<void> {
    await this.job.stop();
    await this.options.table.close();
    this.last = undefined;
  }

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.job.setInterval(intervalMs);
  }

  /** While held (sampling paused), passes are skipped; the first one after primes again. */
  hold(held: boolean): void {
    if (this.held && !held) this.gapPending = true;
    this.held = held;
  }

  /** One pass now (the schedule calls this; tests may too). */
  async pass(): Promise<void> {
    if (this.held) return;
    const { table, clock, log } = this.options;
    const now: TickTime = { wall: clock.wall(), mono: clock.mono() };
    const gap = this.gapPending || detectGap(this.last, now, this.intervalMs) !== null;
    this.gapPending = false;
    if (gap) table.reset();
    this.last = now;
    let snapshot: ProcessSnapshot;
    try {
      snapshot = await table.read();
      if (this.failing) log.info('process table readable again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) log.warn({ err: error }, 'could not read the process table; process history skips this pass');
      this.failing = true;
      return;
    }
    this.options.onPass(snapshot, gap);
  }
}
