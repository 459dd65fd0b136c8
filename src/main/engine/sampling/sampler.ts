/**
 * The sampling loop: on each tick it reads the hot collectors (and the slow ones when due),
 * detects gaps, and hands one Sample to the engine. Ticks and manual samples are serialised,
 * because collectors keep counter state for rates.
 *
 * @example
 * const sampler = new Sampler({ hot, slow, intervalMs: 2000, slowIntervalMs: 60_000, log, onSample, onGap });
 * await sampler.start(lastStoredTs);
 * const sample = await sampler.sampleNow();
 */
import type { Gap, GapReason, Sample } from '../../../shared/sample.js';
import type { SamplingState } from '../../../shared/queries.js';
import type { Collector, Values } from '../collect/types.js';
import type { Logger } from '../log/logger.js';
import { systemClock, type Clock } from '../schedule/clock.js';
import { RepeatingJob } from '../schedule/repeating-job.js';
import { detectGap, type TickTime } from './gap-detector.js';

export interface SamplerOptions {
  readonly hot: readonly Collector[];
  readonly slow: readonly Collector[];
  readonly intervalMs: number;
  readonly slowIntervalMs: number;
  readonly log: Logger;
  readonly onSample: (sample: Sample) => void;
  readonly onGap: (gap: Gap) => void;
  readonly clock?: Clock;
  /** How long to wait between the priming read and a manual sample taken before any tick. */
  readonly primeDelayMs?: number;
}

export class Sampler {
  private readonly clock: Clock;
  private readonly job: RepeatingJob;
  private intervalMs: number;
  private slowIntervalMs: number;
  private stateValue: SamplingState = 'stopped';
  private queue: Promise<unknown> = Promise.resolve();
  private lastTick: TickTime | undefined;
  private lastSlowWall = Number.NEGATIVE_INFINITY;
  private primed = false;
  private pendingGap: GapReason | null = null;
  private lastTs: number | null = null;
  private readonly failing = new Set<string>();

  constructor(private readonly options: SamplerOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs;
    this.slowIntervalMs = options.slowIntervalMs;
    // Timers follow the real clock; the injected clock only stamps and compares readings.
    this.job = new RepeatingJob(
      'sample',
      this.intervalMs,
      () => this.tick(),
      systemClock,
      (error) => options.log.error({ err: error }, 'sampling tick failed'),
    );
  }

  get state(): SamplingState {
    return this.stateValue;
  }

  get lastSampleTs(): number | null {
    return this.lastTs;
  }

  get interval(): number {
    return this.intervalMs;
  }

  get slowInterval(): number {
    return this.slowIntervalMs;
  }

  /**
   * Starts ticking. `lastStoredTs` is the newest sample already on disk: the time since then
   * becomes an explicit 'restart' gap rather than a line drawn across it.
   */
  async start(lastStoredTs: number | null = null): Promise<void> {
    if (this.stateValue !== 'stopped') return;
    this.lastTs = lastStoredTs;
    if (lastStoredTs !== null) this.pendingGap = 'restart';
    this.stateValue = 'running';
    await this.prime();
    this.job.start();
  }

  /** Stops ticking and waits for a tick in progress; no timers stay armed. */
  async stop(): Promise<void> {
    this.stateValue = 'stopped';
    await this.job.stop();
    await this.queue.catch(() => {});
    await Promise.all([...this.options.hot, ...this.options.slow].map((c) => c.close?.()));
  }

  async pause(): Promise<void> {
    if (this.stateValue !== 'running') return;
    this.stateValue = 'paused';
    await this.job.stop();
  }

  async resume(): Promise<void> {
    if (this.stateValue !== 'paused') return;
    this.stateValue = 'running';
    this.pendingGap = 'paused';
    await this.prime();
    this.job.start();
  }

  /** The next sample follows a gap of this kind (e.g. the OS reported a sleep), and rates re-prime. */
  markGap(reason: GapReason): void {
    this.pendingGap = reason;
    for (const collector of this.options.hot) collector.reset();
  }

  setIntervals(intervalMs: number, slowIntervalMs: number): void {
    this.intervalMs = intervalMs;
    this.slowIntervalMs = slowIntervalMs;
    this.job.setInterval(intervalMs);
  }

  /** Takes a sample now, outside the schedule (a manual collect). Slow metrics included. */
  sampleNow(): Promise<Sample> {
    return this.serialise(async () => {
      if (!this.primed) {
        await this.readPriming();
        await new Promise((resolve) => setTimeout(resolve, this.options.primeDelayMs ?? 1000));
      }
      return this.collect(true);
    });
  }

  private tick(): Promise<void> {
    if (this.stateValue !== 'running') return Promise.resolve();
    return this.serialise(async () => {
      if (this.stateValue !== 'running') return;
      await this.collect(false);
    });
  }

  /** Reads every hot collector once without emitting, so the first tick already has rates. */
  private prime(): Promise<void> {
    return this.serialise(() => this.readPriming());
  }

  private async readPriming(): Promise<void> {
    for (const collector of this.options.hot) collector.reset();
    await this.read(this.options.hot, this.clock.mono());
    this.lastTick = { wall: this.clock.wall(), mono: this.clock.mono() };
    this.primed = true;
  }

  private async collect(forceSlow: boolean): Promise<Sample> {
    const now: TickTime = { wall: this.clock.wall(), mono: this.clock.mono() };
    const detected = detectGap(this.lastTick, now, this.intervalMs);
    const gapReason = detected ?? this.pendingGap;
    this.pendingGap = null;
    if (detected) {
      // Counters read before a sleep or jump would give a rate averaged across the hole.
      for (const collector of this.options.hot) collector.reset();
      this.options.log.info({ reason: detected }, 'gap in sampling detected');
    }
    this.lastTick = now;
    const values: Values = await this.read(this.options.hot, now.mono);
    if (forceSlow || now.wall - this.lastSlowWall >= this.slowIntervalMs - this.intervalMs / 2) {
      this.lastSlowWall = now.wall;
      Object.assign(values, await this.read(this.options.slow, now.mono));
    }
    const ts = now.wall;
    if (gapReason && this.lastTs !== null && ts > this.lastTs) {
      this.options.onGap({ from: this.lastTs, to: ts, reason: gapReason });
    }
    const sample: Sample = gapReason ? { ts, values, gapBefore: true } : { ts, values };
    this.lastTs = ts;
    this.options.onSample(sample);
    return sample;
  }

  /** Runs collectors side by side; one failing collector costs only its own metrics. */
  private async read(collectors: readonly Collector[], monoMs: number): Promise<Values> {
    const results = await Promise.allSettled(collectors.map((c) => c.collect(monoMs)));
    const values: Values = {};
    results.forEach((result, i) => {
      const name = collectors[i]!.name;
      if (result.status === 'fulfilled') {
        Object.assign(values, result.value);
        if (this.failing.delete(name)) this.options.log.info({ collector: name }, 'collector recovered');
      } else if (!this.failing.has(name)) {
        // Log once per failure streak, not every tick.
        this.failing.add(name);
        this.options.log.warn({ collector: name, err: result.reason }, 'collector failed; its metrics are skipped');
      }
    });
    return values;
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}
