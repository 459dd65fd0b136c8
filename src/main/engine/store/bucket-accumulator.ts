/**
 * Folds values (or finer aggregates) of many series into one time bucket at a time:
 * min of mins, max of maxes, count-weighted average, summed counts. Used by the rollups,
 * by history's re-bucketing and for the not-yet-rolled tail of a tier.
 *
 * @example
 * const acc = new BucketAccumulator(60_000);
 * acc.add(ts, 0, v, v, v, 1); // series 0, one raw value
 * acc.finish(emit);           // emit(bucketStart, series, min, avg, max, count) per series
 */

export type AggregateSink = (
  start: number,
  series: number,
  min: number,
  avg: number,
  max: number,
  count: number,
) => void;

export class BucketAccumulator {
  private min = new Float64Array(64);
  private max = new Float64Array(64);
  private sum = new Float64Array(64);
  private count = new Float64Array(64);
  private touched: number[] = [];
  private start = Number.NaN;

  constructor(
    private readonly width: number,
    private readonly sink: AggregateSink,
  ) {}

  /** Adds to the bucket of `ts`; emits the previous bucket first when `ts` is past it. Input must be in time order. */
  add(ts: number, series: number, min: number, avg: number, max: number, count: number): void {
    const start = Math.floor(ts / this.width) * this.width;
    if (start !== this.start) {
      this.finish();
      this.start = start;
    }
    if (series >= this.min.length) this.grow(series + 1);
    if (this.count[series] === 0) {
      this.touched.push(series);
      this.min[series] = min;
      this.max[series] = max;
    } else {
      if (min < this.min[series]!) this.min[series] = min;
      if (max > this.max[series]!) this.max[series] = max;
    }
    this.sum[series]! += avg * count;
    this.count[series]! += count;
  }

  /** Emits the open bucket, in series-number order. */
  finish(): void {
    const touched = this.touched;
    if (touched.length > 0) {
      // Series order keeps outputs independent of the order values arrived in.
      touched.sort((a, b) => a - b);
      for (const s of touched) {
        const count = this.count[s]!;
        this.sink(this.start, s, this.min[s]!, this.sum[s]! / count, this.max[s]!, count);
        this.count[s] = 0;
        this.sum[s] = 0;
      }
      this.touched = [];
    }
    this.start = Number.NaN;
  }

  private grow(size: number): void {
    const next = Math.max(size, this.min.length * 2);
    const resize = (old: Float64Array) => {
      const bigger = new Float64Array(next);
      bigger.set(old);
      return bigger;
    };
    this.min = resize(this.min);
    this.max = resize(this.max);
    this.sum = resize(this.sum);
    this.count = resize(this.count);
  }
}
