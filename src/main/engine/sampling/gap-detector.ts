/**
 * Decides whether the time between two ticks is a gap in the record. Pure.
 *
 * - Wall time moved much more than monotonic time: the machine slept (or the clock jumped forward).
 * - Wall time moved much less (or backwards): the clock was set back.
 * - Both moved far more than the interval: the process was stopped or starved.
 *
 * @example
 * detectGap({ wall: 0, mono: 0 }, { wall: 3_602_000, mono: 2_000 }, 2_000) // 'sleep'
 */
import type { GapReason } from '../../../shared/sample.js';

export interface TickTime {
  readonly wall: number;
  readonly mono: number;
}

/** Drift tolerated between the two clocks before calling it a jump: NTP slews far less than this. */
export function driftTolerance(intervalMs: number): number {
  return Math.max(1_500, intervalMs / 2);
}

export function detectGap(previous: TickTime | undefined, current: TickTime, intervalMs: number): GapReason | null {
  if (!previous) return null;
  const wallDelta = current.wall - previous.wall;
  const monoDelta = current.mono - previous.mono;
  const drift = wallDelta - monoDelta;
  const tolerance = driftTolerance(intervalMs);
  if (drift > tolerance) return 'sleep';
  if (drift < -tolerance) return 'clock-jump';
  // Timers can run a little late under load; only a long stall breaks the line.
  if (monoDelta > intervalMs * 2.5 + tolerance) return 'stalled';
  return null;
}
