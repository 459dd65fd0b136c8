import { describe, expect, it } from 'vitest';
import { detectGap } from './gap-detector.js';

const at = (wall: number, mono: number) => ({ wall, mono });

describe('detectGap', () => {
  it('sees nothing on the first tick or on a normal one', () => {
    expect(detectGap(undefined, at(0, 0), 2000)).toBeNull();
    expect(detectGap(at(0, 0), at(2000, 2000), 2000)).toBeNull();
    // A timer 300 ms late and a 100 ms NTP slew are not gaps.
    expect(detectGap(at(0, 0), at(2400, 2300), 2000)).toBeNull();
  });

  it('calls a wall jump the monotonic clock did not see a sleep', () => {
    // Suspended for an hour: the monotonic clock stood still.
    expect(detectGap(at(0, 0), at(3_602_000, 2_000), 2000)).toBe('sleep');
  });

  it('calls a backwards wall step a clock jump', () => {
    expect(detectGap(at(100_000, 0), at(40_000, 2_000), 2000)).toBe('clock-jump');
  });

  it('calls a long stall of both clocks a stall', () => {
    expect(detectGap(at(0, 0), at(30_000, 30_000), 2000)).toBe('stalled');
    expect(detectGap(at(0, 0), at(5_000, 5_000), 2000)).toBeNull();
  });

  it('scales its tolerance with long intervals', () => {
    // At a 1 h interval a 10 s drift is noise; an hour of drift is not.
    expect(detectGap(at(0, 0), at(3_610_000, 3_600_000), 3_600_000)).toBeNull();
    expect(detectGap(at(0, 0), at(7_200_000, 3_600_000), 3_600_000)).toBe('sleep');
  });
});
