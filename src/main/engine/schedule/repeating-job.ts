/**
 * A job that runs every `intervalMs`, aligned to wall-clock multiples of the interval, built on
 * node-schedule one-shot date jobs. Only one run is ever armed: after a sleep the job fires once
 * (late) and re-arms from the current time, so a resume never causes a burst of catch-up runs.
 *
 * @example
 * const job = new RepeatingJob('commit', 10_000, () => store.flush());
 * job.start(); ... job.stop();
 */
import schedule from 'node-schedule';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

let sequence = 0;

export class RepeatingJob {
  private job: schedule.Job | null = null;
  /** The slot most recently armed: a timer firing a little early must not re-arm the same slot. */
  private lastAt = Number.NEGATIVE_INFINITY;
  private running = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private intervalMs: number,
    private readonly run: () => void | Promise<void>,
    private readonly clock: Clock = systemClock,
    private readonly onError: (error: unknown) => void = () => {},
    /** Runs at multiples of the interval plus this offset, e.g. 5 s past each minute. */
    private readonly offsetMs = 0,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm();
  }

  /** Cancels the armed run and waits for one in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.job?.cancel();
    this.job = null;
    await this.inFlight;
  }

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.lastAt = Number.NEGATIVE_INFINITY;
    if (this.running) {
      this.job?.cancel();
      this.arm();
    }
  }

  /** Next wall time that is a multiple of the interval (plus the offset), strictly after now. */
  nextRunAt(now: number): number {
    return (Math.floor((now - this.offsetMs) / this.intervalMs) + 1) * this.intervalMs + this.offsetMs;
  }

  private arm(): void {
    let at = this.nextRunAt(this.clock.wall());
    if (at <= this.lastAt) at = this.lastAt + this.intervalMs;
    this.lastAt = at;
    // node-schedule keys jobs by name: a unique name keeps two of ours from ever sharing an entry.
    const name = `${this.name}#${++sequence}@${at}`;
    this.job = schedule.scheduleJob(name, new Date(at), () => {
      this.job = null;
      this.inFlight = this.fire();
    });
    if (!this.job) {
      // The slot passed while arming (a loaded machine): node-schedule declines it but still keeps
      // the name registered, so drop that, and run now instead of skipping the slot.
      schedule.cancelJob(name);
      this.inFlight = this.fire();
    }
  }

  private async fire(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.onError(error);
    } finally {
      if (this.running) this.arm();
    }
  }
}
