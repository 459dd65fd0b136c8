/**
 * Wall and monotonic time, injectable so gap detection and scheduling can be tested with a fake clock.
 * On Linux the monotonic clock stops while the machine sleeps and ignores wall-clock changes,
 * which is exactly what lets drift between the two reveal a suspend or a clock jump.
 */
export interface Clock {
  /** UTC epoch milliseconds. */
  wall(): number;
  /** Monotonic milliseconds from an arbitrary origin. */
  mono(): number;
}

export const systemClock: Clock = {
  wall: () => Date.now(),
  mono: () => performance.now(),
};
