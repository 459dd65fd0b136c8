/**
 * A clock the test holds: wall and monotonic time move only when the test says so. Pass it as
 * the engine's (or a service's) `clock`, so nothing under test reads today's date.
 *
 * @example
 * const clock = new TestClock(Date.UTC(2026, 10, 23, 9));
 * const engine = await Engine.open({ paths, settings, log, clock });
 * clock.advance(10_000); await engine.sampleNow(); // stamped 09:00:10
 */
import type { Clock } from '../schedule/clock.js';

export class TestClock implements Clock {
  private monoMs = 0;

  constructor(private wallMs: number) {}

  wall(): number {
    return this.wallMs;
  }

  mono(): number {
    return this.monoMs;
  }

  /** Moves both clocks on, as time passing does; `monoMs` apart from `wallMs` models a sleep or a jump. */
  advance(wallMs: number, monoMs = wallMs): void {
    this.wallMs += wallMs;
    this.monoMs += monoMs;
  }
}
