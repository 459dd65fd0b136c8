import { describe, expect, it } from 'vitest';
import { CounterRates } from './counter-rates.js';

describe('CounterRates', () => {
  it('primes on the first reading, then returns per-second rates', () => {
    const rates = new CounterRates();
    expect(rates.update('k', 1000, 0)).toBeUndefined();
    expect(rates.update('k', 3000, 2000)).toBe(1000);
    expect(rates.update('k', 3500, 2500)).toBe(1000);
  });

  it('keeps keys independent', () => {
    const rates = new CounterRates();
    rates.update('a', 0, 0);
    expect(rates.update('b', 50, 1000)).toBeUndefined();
    expect(rates.update('a', 10, 1000)).toBe(10);
  });

  it('re-primes when the counter goes backwards (reboot, wrap) and recovers on the next reading', () => {
    const rates = new CounterRates();
    rates.update('k', 4_294_967_000, 0);
    expect(rates.update('k', 1000, 1000)).toBeUndefined();
    expect(rates.update('k', 1500, 2000)).toBe(500);
  });

  it('returns undefined for zero elapsed time and keeps the older reading', () => {
    const rates = new CounterRates();
    rates.update('k', 100, 1000);
    expect(rates.update('k', 200, 1000)).toBeUndefined();
    // Rate is measured from the first reading at t=1000, not from the zero-interval one.
    expect(rates.update('k', 300, 2000)).toBe(200);
  });

  it('re-primes when monotonic time goes backwards', () => {
    const rates = new CounterRates();
    rates.update('k', 100, 5000);
    expect(rates.update('k', 200, 4000)).toBeUndefined();
    expect(rates.update('k', 300, 5000)).toBe(100);
  });

  it('rejects negative and non-finite counters without poisoning the key', () => {
    const rates = new CounterRates();
    rates.update('k', 100, 0);
    expect(rates.update('k', Number.NaN, 1000)).toBeUndefined();
    expect(rates.update('k', -5, 2000)).toBeUndefined();
    expect(rates.update('k', 100, 3000)).toBeUndefined();
    expect(rates.update('k', 400, 4000)).toBe(300);
  });

  it('reset() forgets everything so the next reading primes again', () => {
    const rates = new CounterRates();
    rates.update('k', 100, 0);
    rates.reset();
    expect(rates.size).toBe(0);
    expect(rates.update('k', 200, 1000)).toBeUndefined();
    expect(rates.update('k', 300, 2000)).toBe(100);
  });

  it('forgets keys not seen for forgetAfterMs', () => {
    const rates = new CounterRates({ forgetAfterMs: 10_000 });
    rates.update('gone', 1, 0);
    rates.update('live', 1, 0);
    for (let t = 5000; t <= 20_000; t += 5000) rates.update('live', t, t);
    expect(rates.size).toBe(1);
    expect(rates.update('gone', 2, 20_000)).toBeUndefined();
  });
});
