/**
 * A job that runs every `intervalMs`, aligned to wall-clock multiples of the interval. Only one
 * run is ever armed: after a sleep the job fires once (late) and re-arms from the current time,
 * so a resume never causes a burst of catch-up runs.
 *
 * Built on a plain timer rather than a node-schedule date job: node-schedule passes every date
 * through cron-parser and luxon, which touch ICU's time-zone and locale data (~7 MB of the
 * headless engine's RSS) and throw and catch an error on each arm, once a second for the
 * sampler. Cron schedules (cron-job.ts) still use node-schedule.
 *
 * @example
 * const job = new RepeatingJob('commit', 10_000, () => store.flush());
 * job.start(); ... job.stop();
 */
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** setTimeout's longest delay (about 24.8 days); a longer wait is taken in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The jobs armed now, so a stopped engine can be checked to leave no timer behind. */
const armed = new Set<RepeatingJob>();

/**
 * The names of the repeating jobs armed now, in the order they were started.
 *
 * @example
 * await engine.stop(); armedJobs() // []
 */
export function armedJobs(): string[] {
  return [...armed].map((job) => job.name);
}

export class RepeatingJob {
  private timer: NodeJS.Timeout | null = null;
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
    this.disarm();
    await this.inFlight;
  }

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.lastAt = Number.NEGATIVE_INFINITY;
    if (this.running) {
      this.disarm();
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
    armed.add(this);
    this.wait(at);
  }

  /** Fires at `at` on the clock; a slot already passed (a loaded machine) runs now instead of being skipped. */
  private wait(at: number): void {
    const delay = at - this.clock.wall();
    if (delay > LONGEST_TIMER_MS) {
      this.timer = setTimeout(() => this.wait(at), LONGEST_TIMER_MS);
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = null;
        armed.delete(this);
        this.inFlight = this.fire();
      },
      Math.max(0, delay),
    );
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    armed.delete(this);
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
