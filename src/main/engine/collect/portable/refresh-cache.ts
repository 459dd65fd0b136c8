/**
 * Keeps the last result of an expensive read and re-reads only when it is older than `maxAgeMs`
 * (monotonic ms), so a spawning source can feed a hot collector without spawning every tick.
 * A failed refresh keeps serving the previous value.
 *
 * @example
 * const swap = new RefreshCache(() => si.mem(), 60_000);
 * const mem = await swap.get(performance.now());
 */
export class RefreshCache<T> {
  private value: T | undefined;
  private readAtMs: number | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  async get(monoMs: number): Promise<T | undefined> {
    const fresh = this.readAtMs !== undefined && monoMs - this.readAtMs >= 0 && monoMs - this.readAtMs < this.maxAgeMs;
    if (fresh) return this.value;
    try {
      this.value = await this.read();
      this.readAtMs = monoMs;
    } catch {
      // Keep the previous value; the next tick retries.
    }
    return this.value;
  }

  clear(): void {
    this.value = undefined;
    this.readAtMs = undefined;
  }
}
