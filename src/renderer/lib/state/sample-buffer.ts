/**
 * The last hour of samples, oldest first, capped by age and count. Live charts and sparklines read
 * it directly (no reactive proxy per value: at 1 Hz with dozens of series that would cost more than
 * the drawing), and it can be refilled from `history` after a reconnect.
 *
 * @example
 * const buffer = new SampleBuffer(3_600_000);
 * buffer.push(sample);
 * buffer.since(Date.now() - 300_000); // the last 5 minutes
 */
import type { HistoryResult } from '../../../shared/queries.js';
import type { Sample } from '../../../shared/sample.js';

export class SampleBuffer {
  private samples: Sample[] = [];

  constructor(
    readonly maxAgeMs: number,
    readonly maxCount = 7200,
  ) {}

  get length(): number {
    return this.samples.length;
  }

  get last(): Sample | undefined {
    return this.samples.at(-1);
  }

  /** Appends a sample; one older than the newest held is ignored (a late or repeated event). */
  push(sample: Sample): boolean {
    const last = this.samples.at(-1);
    if (last && sample.ts <= last.ts) return false;
    this.samples.push(sample);
    this.trim(sample.ts);
    return true;
  }

  /** Samples with `ts >= from`, oldest first (a view, not a copy: do not mutate). */
  since(from: number): readonly Sample[] {
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.samples[mid]!.ts < from) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.samples : this.samples.slice(lo);
  }

  all(): readonly Sample[] {
    return this.samples;
  }

  /**
   * Replaces what is held with a raw `history` answer (column per series) merged with any newer
   * live samples, so a reconnect fills the hole the dropped connection left.
   */
  fill(history: HistoryResult): void {
    const byTs = new Map<number, Record<string, number>>();
    const gapAfter = new Set<number>();
    for (const [key, series] of Object.entries(history.series)) {
      series.t.forEach((ts, i) => {
        const value = series.avg[i];
        if (value === null || value === undefined) {
          gapAfter.add(ts);
          return;
        }
        let values = byTs.get(ts);
        if (!values) byTs.set(ts, (values = {}));
        values[key] = value;
      });
    }
    const newest = this.samples.at(-1)?.ts ?? Number.POSITIVE_INFINITY;
    const filled: Sample[] = [...byTs.entries()]
      .filter(([ts]) => ts < newest || this.samples.length === 0)
      .sort(([a], [b]) => a - b)
      .map(([ts, values]) => ({ ts, values }));
    // A null in a history column is a gap: the next real sample starts a new line.
    const gaps = [...gapAfter].sort((a, b) => a - b);
    let g = 0;
    for (let i = 1; i < filled.length; i += 1) {
      while (g < gaps.length && gaps[g]! <= filled[i - 1]!.ts) g += 1;
      if (g < gaps.length && gaps[g]! < filled[i]!.ts) filled[i] = { ...filled[i]!, gapBefore: true };
    }
    const kept = this.samples.filter((s) => s.ts > (filled.at(-1)?.ts ?? -1));
    this.samples = [...filled, ...kept];
    if (this.samples.length > 0) this.trim(this.samples.at(-1)!.ts);
  }

  clear(): void {
    this.samples = [];
  }

  private trim(now: number): void {
    const cutoff = now - this.maxAgeMs;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.ts < cutoff) drop += 1;
    drop = Math.max(drop, this.samples.length - this.maxCount);
    if (drop > 0) this.samples.splice(0, drop);
  }
}
