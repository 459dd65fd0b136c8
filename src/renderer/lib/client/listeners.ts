/**
 * A tiny typed listener registry shared by both clients; a listener that throws is reported and
 * skipped so one broken view cannot stop the others from updating.
 */
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();

  add(listener: (...args: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(...args);
      } catch (error) {
        console.error('dashlight: a listener failed', error);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
