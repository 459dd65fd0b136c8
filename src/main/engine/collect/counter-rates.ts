/**
 * Per-second rates from monotonically increasing counters (bytes, sectors), shared by every
 * rate collector. Pure: time comes in as `monoMs`, nothing reads a clock.
 *
 * A rate needs two readings, so the first reading of a key only primes it. A counter that goes
 * backwards (reboot, 32-bit wrap, interface re-created) re-primes instead of producing a
 * negative or a wrap-sized burst: one missing point is better than a spike that trips alerts.
 *
 * @example
 * const rates = new CounterRates();
 * rates.update('net.rx[eth0]', 1000, 0);    // undefined (primed)
 * rates.update('net.rx[eth0]', 3000, 2000); // 1000 (bytes per second)
 */

interface Reading {
  readonly counter: number;
  readonly monoMs: number;
}

export interface CounterRatesOptions {
  /** Keys not updated for this long are dropped, so vanished interfaces/disks do not pile up. Default 10 min. */
  readonly forgetAfterMs?: number;
}

export class CounterRates {
  private readonly readings = new Map<string, Reading>();
  private readonly forgetAfterMs: number;
  private lastSweepMs: number | undefined;

  constructor(options: CounterRatesOptions = {}) {
    this.forgetAfterMs = options.forgetAfterMs ?? 10 * 60_000;
  }

  /**
   * Records `counter` for `key` at `monoMs` and returns the per-second rate since the previous
   * reading, or undefined when there is none to compare with (first reading, counter went
   * backwards, no time elapsed, or an invalid counter).
   */
  update(key: string, counter: number, monoMs: number): number | undefined {
    this.sweep(monoMs);
    if (!Number.isFinite(counter) || counter < 0 || !Number.isFinite(monoMs)) {
      this.readings.delete(key);
      return undefined;
    }
    const previous = this.readings.get(key);
    const elapsedMs = previous === undefined ? 0 : monoMs - previous.monoMs;
    // Zero elapsed time: keep the older reading so the next update still has a real interval.
    if (previous !== undefined && elapsedMs === 0) return undefined;
    this.readings.set(key, { counter, monoMs });
    if (previous === undefined || elapsedMs < 0 || counter < previous.counter) return undefined;
    return ((counter - previous.counter) * 1000) / elapsedMs;
  }

  /** Forgets every reading: the next update of each key primes again. */
  reset(): void {
    this.readings.clear();
    this.lastSweepMs = undefined;
  }

  /** Number of keys currently remembered. */
  get size(): number {
    return this.readings.size;
  }

  private sweep(monoMs: number): void {
    if (this.lastSweepMs === undefined) {
      this.lastSweepMs = monoMs;
      return;
    }
    if (monoMs - this.lastSweepMs < this.forgetAfterMs) return;
    this.lastSweepMs = monoMs;
    const cutoff = monoMs - this.forgetAfterMs;
    for (const [key, reading] of this.readings) if (reading.monoMs < cutoff) this.readings.delete(key);
  }
}
