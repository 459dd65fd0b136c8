/**
 * A list of recorded requests that tests can wait on, shared by the recording server and the
 * fault proxy: the request arrives on the server's side of the same process, so a test waits for
 * it rather than sleeping for a guessed time.
 *
 * @example
 * const log = new Arrivals<string>();
 * setTimeout(() => log.add('a'), 10);
 * await log.waitFor(1); // ['a']
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<() => void>();

  add(item: T): void {
    this.items.push(item);
    for (const wake of this.#waiters) wake();
  }

  /** Resolves with all items once there are at least `count`; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 10_000): Promise<readonly T[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`expected ${count} requests within ${timeoutMs} ms, got ${this.items.length}`));
      }, timeoutMs);
      const check = (): void => {
        if (this.items.length < count) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(this.items);
      };
      this.#waiters.add(check);
      check();
    });
  }
}
