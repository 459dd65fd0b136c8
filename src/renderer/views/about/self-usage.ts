/**
 * Dashlight's own CPU and memory over the last minutes, as the About view's sparklines draw them.
 * The engine reports only the current figures (`status.self`), so the view keeps the history
 * itself, from status events and its own polling; a pause longer than a few polls is a gap.
 *
 * @example
 * const usage = new SelfUsage(10 * 60_000, 5000);
 * usage.push(Date.now(), status.self); // the point as stored
 */
export interface UsagePoint {
  readonly ts: number;
  readonly cpuPercent: number;
  readonly rssBytes: number;
  /** No reading for a while before this one: draw a break, not a line. */
  readonly gapBefore: boolean;
}

export class SelfUsage {
  private readonly list: UsagePoint[] = [];

  constructor(
    readonly windowMs: number,
    /** The expected spacing; three missed readings make a gap. */
    readonly pollMs: number,
  ) {}

  get points(): readonly UsagePoint[] {
    return this.list;
  }

  /** Appends a reading; one taken in the same millisecond as the last (or as the clock stepped back) goes just after it. */
  push(now: number, self: { cpuPercent: number; rssBytes: number }): UsagePoint {
    const last = this.list.at(-1);
    const ts = last && now <= last.ts ? last.ts + 1 : now;
    const point: UsagePoint = {
      ts,
      cpuPercent: self.cpuPercent,
      rssBytes: self.rssBytes,
      gapBefore: last !== undefined && ts - last.ts > 3 * this.pollMs,
    };
    this.list.push(point);
    const cutoff = ts - this.windowMs;
    let drop = 0;
    while (drop < this.list.length && this.list[drop]!.ts < cutoff) drop += 1;
    if (drop > 0) this.list.splice(0, drop);
    return point;
  }
}
