/**
 * Every series' newest value, kept from the sample stream: what the pull and home integrations
 * (Prometheus, MQTT) answer from, with no disk read. A sample holds only what was measured at that
 * tick (the slow set comes every minute), so the newest value of each series is kept with its own
 * time, and a series is left out once it is older than its cadence allows: a paused engine, an
 * unplugged disk or a vanished interface stops being reported instead of repeating its last value.
 *
 * @example
 * const latest = new LatestValues();
 * samples.subscribe('prometheus', (sample) => latest.push(sample));
 * latest.fresh(clock.wall(), { hotMs: 6_000, slowMs: 125_000 }); // [{ key: 'cpu.total', value: 12.5, ts }, …]
 */
import { metricInfo } from '../../../shared/metrics.js';
import type { Sample } from '../../../shared/sample.js';

interface Entry {
  value: number;
  ts: number;
  slow: boolean;
}

export interface FreshValue {
  readonly key: string;
  readonly value: number;
  readonly ts: number;
}

/** How old a value may be and still count as current, by cadence. */
export interface Horizons {
  readonly hotMs: number;
  readonly slowMs: number;
}

/** A value this much older than its horizon is forgotten, so vanished entities do not pile up. */
const FORGET_AFTER_MS = 3_600_000;

/** Three missed ticks, and never less than ten seconds (a loaded machine can be a tick late). */
export function horizonsFor(sampling: { readonly interval: number; readonly slowInterval: number }): Horizons {
  return {
    hotMs: Math.max(3 * sampling.interval, 10_000),
    slowMs: 2 * sampling.slowInterval + sampling.interval,
  };
}

export class LatestValues {
  private readonly entries = new Map<string, Entry>();
  /** Samples seen since the engine started. */
  samples = 0;
  /** Of those, the ones that followed a gap (sleep, pause, restart, clock jump). */
  gaps = 0;
  /** The newest sample's time. */
  lastTs: number | null = null;

  push(sample: Sample): void {
    this.samples++;
    if (sample.gapBefore) this.gaps++;
    this.lastTs = sample.ts;
    for (const key in sample.values) {
      const value = sample.values[key]!;
      const entry = this.entries.get(key);
      // Updated in place: one tick allocates nothing once every series has been seen.
      if (entry) {
        entry.value = value;
        entry.ts = sample.ts;
      } else {
        this.entries.set(key, { value, ts: sample.ts, slow: metricInfo(key)?.cadence !== 'hot' });
      }
    }
  }

  /** Every series seen (and not yet forgotten), current or not. */
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The values still current at `now`, in the order their series were first seen. */
  fresh(now: number, horizons: Horizons): FreshValue[] {
    const out: FreshValue[] = [];
    for (const [key, entry] of this.entries) {
      const horizon = entry.slow ? horizons.slowMs : horizons.hotMs;
      const age = now - entry.ts;
      if (age <= horizon) out.push({ key, value: entry.value, ts: entry.ts });
      else if (age > horizon + FORGET_AFTER_MS) this.entries.delete(key);
    }
    return out;
  }
}
