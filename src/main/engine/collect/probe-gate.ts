/**
 * Stops polling a source that keeps reporting nothing. Off Linux, temperature, battery and GPU
 * readings spawn processes; a desktop without a battery should not pay for that every minute
 * forever. A single success keeps the source enabled for the session.
 *
 * @example
 * const gate = new ProbeGate(3);
 * if (gate.enabled) { const ok = await read(); gate.record(ok); }
 */
export class ProbeGate {
  private misses = 0;
  private seen = false;

  /** @param maxMisses consecutive empty readings (before any success) after which the source is disabled */
  constructor(private readonly maxMisses: number) {}

  get enabled(): boolean {
    return this.seen || this.misses < this.maxMisses;
  }

  record(reported: boolean): void {
    if (reported) this.seen = true;
    else if (!this.seen) this.misses += 1;
  }
}
