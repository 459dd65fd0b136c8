import { describe, expect, it } from 'vitest';
import { DECIMATE_AFTER_MS, decimatesAt } from './live-tuning.js';

describe('decimatesAt', () => {
  it('leaves the 5- and 15-minute windows undecimated and decimates the hour', () => {
    expect(decimatesAt(5 * 60_000)).toBe(false);
    expect(decimatesAt(15 * 60_000)).toBe(false);
    expect(decimatesAt(DECIMATE_AFTER_MS + 1)).toBe(true);
    expect(decimatesAt(60 * 60_000)).toBe(true);
  });
});
