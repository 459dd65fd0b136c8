/**
 * In-memory rolling windows (1, 5, 15 and 60 minutes) over the headline hot metrics.
 * Each tick only appends to a ring buffer; the summaries are computed when asked, so
 * the per-tick cost stays constant however often the dashboard polls.
 *
 * @example
 * const rolling = new RollingWindows(['cpu.total']);
 * rolling.push({ ts: now, values: { 'cpu.total': 12 } });
 * rolling.summarize(now).windows['5m']['cpu.total'] // { avg, min, max, p95, count }
 */
import type { Sample } from '../../../shared/sample.js';
import type { RollingResult, RollingWindow, Summary } from '../../../shared/queries.js';
import { summarize } from './summary.js';

export const WINDOWS: Readonly<Record<RollingWindow, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '60m': 3_600_000,
};

/** A fixed-size ring of (ts, value) pairs; old entries are overwritten. */
class Ring {
  private readonly ts: Float64Array;
  private readonly values: Float64Array;
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.ts = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(ts: number, value: number): void {
    this.ts[this.next] = ts;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Values with ts > since (a window of width w at now covers (now - w, now]), oldest first. */
  since(since: number): Float64Array {
    const out = new Float64Array(this.size);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const index = (this.next - this.size + i + this.capacity) % this.capacity;
      if (this.ts[index]! > since) out[n++] = this.values[index]!;
    }
    return out.subarray(0, n);
  }
}

export class RollingWindows {
  private readonly rings = new Map<string, Ring>();
  private lastTs: number | null = null;

  /**
   * @param keys the series to keep
   * @param capacity points kept per series; 60 min at 1 Hz plus room for manual samples
   */
  constructor(
    readonly keys: readonly string[],
    private readonly capacity = 4096,
  ) {}

  push(sample: Sample): void {
    this.lastTs = sample.ts;
    for (const key of this.keys) {
      const value = sample.values[key];
      if (value === undefined || !Number.isFinite(value)) continue;
      let ring = this.rings.get(key);
      if (!ring) {
        ring = new Ring(this.capacity);
        this.rings.set(key, ring);
      }
      ring.push(sample.ts, value);
    }
  }

  summarize(now: number): RollingResult {
    const windows = {} as Record<RollingWindow, Record<string, Summary>>;
    for (const [name, width] of Object.entries(WINDOWS) as [RollingWindow, number][]) {
      const perKey: Record<string, Summary> = {};
      for (const [key, ring] of this.rings) {
        const summary = summarize(ring.since(now - width));
        if (summary) perKey[key] = summary;
      }
      windows[name] = perKey;
    }
    return { at: this.lastTs, windows };
  }
}
