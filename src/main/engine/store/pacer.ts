/**
 * Gives the event loop a turn during a long scan, so one `stats` over a year of 845 series never
 * holds the engine (its sampling, the server's other requests, the desktop window's IPC) for more
 * than a slice: after each chunk the scan asks `turn()`, which yields once the slice has run
 * SLICE_MS (or `sliceSteps` chunks, which tests set to make the yields deterministic).
 *
 * @example
 * const pacer = new Pacer();
 * while (scan.step()) await pacer.turn();
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { systemClock } from '../schedule/clock.js';

/** Work between two turns of the event loop: well under the 50 ms a request may wait. */
export const SLICE_MS = 20;

/** What is scanning: a `stats` call or a rollup. */
export type PacedWork = 'stats' | 'rollup';

export interface PaceOptions {
  /** Yield after this many chunks whatever the time (tests use 1). */
  readonly sliceSteps?: number;
  /** Monotonic milliseconds (default: the system clock's). */
  readonly mono?: () => number;
  /** Told of every turn taken, before it is taken (tests watch a scan in progress). */
  readonly onTurn?: (work: PacedWork) => void;
}

export class Pacer {
  /** Turns taken so far. */
  turns = 0;
  private readonly mono: () => number;
  private sliceStart: number;
  private steps = 0;

  constructor(
    private readonly options: PaceOptions = {},
    private readonly work: PacedWork = 'stats',
  ) {
    this.mono = options.mono ?? systemClock.mono;
    this.sliceStart = this.mono();
  }

  /** Call after each chunk: yields to the event loop when the slice is used up. */
  async turn(): Promise<void> {
    this.steps++;
    const due =
      this.options.sliceSteps !== undefined
        ? this.steps >= this.options.sliceSteps
        : this.mono() - this.sliceStart >= SLICE_MS;
    if (!due) return;
    this.turns++;
    this.options.onTurn?.(this.work);
    await nextTurn();
    this.steps = 0;
    this.sliceStart = this.mono();
  }
}
