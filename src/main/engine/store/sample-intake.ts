/**
 * The hot path: turns samples and gaps into buffered rows, in memory only. Keeps timestamps
 * unique and increasing, remembers the newest sample for `latest()`, and notes samples that
 * arrive behind the rollup watermark so their minutes are rolled again.
 *
 * @example
 * const intake = new SampleIntake(registry, buffer, log, lastStoredTs, rolledUntil);
 * intake.append({ ts: Date.now(), values: { 'cpu.total': 3 } }); // never throws
 */
import type { Gap, Sample } from '../../../shared/sample.js';
import type { Logger } from '../log/logger.js';
import { encodeValues, finiteKeys } from './codec.js';
import type { LayoutRegistry } from './layout-registry.js';
import type { WriteBuffer } from './write-buffer.js';

/** While commits fail and rows are dropped, log once per this many drops. */
const DROP_LOG_EVERY = 600;

export class SampleIntake {
  /** The newest sample taken in (buffered or stored), for `latest()`. */
  last: Sample | null = null;
  /** The oldest sample appended behind `rolledUntil`, until the next rollup takes it. */
  dirtyFrom: number | null = null;
  /** How many samples arrived behind `rolledUntil` so far (a rollup clears `dirtyFrom` only if none came meanwhile). */
  lateSamples = 0;

  constructor(
    private readonly registry: LayoutRegistry,
    private readonly buffer: WriteBuffer,
    private readonly log: Logger,
    private lastTs: number | null,
    /** The finest rollup's watermark: samples older than this land in buckets already rolled. */
    public rolledUntil: number | null,
  ) {}

  append(sample: Sample): void {
    try {
      let ts = Math.floor(sample.ts);
      if (!Number.isFinite(ts)) throw new Error(`sample timestamp ${sample.ts} is not a number`);
      if (this.lastTs !== null && ts <= this.lastTs) ts = this.lastTs + 1;
      const layout = this.registry.rawLayoutFor(sample.values);
      const data = encodeValues(layout, sample.values);
      // A sample flagged after a hole nobody recorded still must not be joined to the previous one.
      if (
        sample.gapBefore &&
        this.lastTs !== null &&
        !this.buffer.hasGapEndingAt(sample.ts) &&
        !this.buffer.hasGapEndingAt(ts)
      ) {
        this.buffer.pushGap({ from: this.lastTs, to: ts, reason: 'restart' });
      }
      const before = this.buffer.dropped;
      this.buffer.push({ ts, layout, data });
      const after = this.buffer.dropped;
      if (
        after > before &&
        (before === 0 || Math.floor(before / DROP_LOG_EVERY) !== Math.floor(after / DROP_LOG_EVERY))
      ) {
        this.log.error({ dropped: after }, 'commits keep failing: the oldest buffered samples are being dropped');
      }
      if (this.rolledUntil !== null && ts < this.rolledUntil) {
        this.dirtyFrom = Math.min(this.dirtyFrom ?? ts, ts);
        this.lateSamples++;
      }
      this.lastTs = ts;
      const values: Record<string, number> = {};
      for (const key of finiteKeys(sample.values)) values[key] = sample.values[key]!;
      this.last = sample.gapBefore ? { ts, values, gapBefore: true } : { ts, values };
    } catch (error) {
      this.log.error({ err: error }, 'sample not recorded');
    }
  }

  recordGap(gap: Gap): void {
    if (!Number.isFinite(gap.from) || !Number.isFinite(gap.to) || gap.to < gap.from) {
      this.log.warn({ gap }, 'gap not recorded: its bounds are not valid times');
      return;
    }
    this.buffer.pushGap({ from: Math.floor(gap.from), to: Math.floor(gap.to), reason: gap.reason });
  }

  /** A commit stored rows up to `ts` (possibly re-stamped past another writer's rows). */
  noteStored(ts: number | null): void {
    if (ts !== null && (this.lastTs === null || ts > this.lastTs)) this.lastTs = ts;
  }
}
