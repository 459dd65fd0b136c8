/**
 * Row counts per tier for `info()` (shown in the status every few seconds): counted once,
 * then kept current from what commits, rollups and retention report, because COUNT(*) over
 * a week of raw rows reads the whole table (~70 ms).
 *
 * @example
 * const counts = new RowCounts((tier) => reader.count(tier, 0, Number.MAX_SAFE_INTEGER));
 * counts.add('raw', 10);
 * counts.get() // { raw, '1m', '1h' }
 */
import type { Tier } from '../../../shared/queries.js';

export class RowCounts {
  private counts: Record<Tier, number> | null = null;

  constructor(private readonly countStored: (tier: Tier) => number) {}

  get(): Readonly<Record<Tier, number>> {
    this.counts ??= { raw: this.countStored('raw'), '1m': this.countStored('1m'), '1h': this.countStored('1h') };
    return this.counts;
  }

  add(tier: Tier, rows: number): void {
    if (this.counts) this.counts[tier] += rows;
  }

  /** Something changed by an unknown amount (a failed transaction): count again when next asked. */
  invalidate(): void {
    this.counts = null;
  }
}
