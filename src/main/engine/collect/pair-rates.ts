/**
 * Turns per-entity in/out counters (network bytes, disk bytes) into per-entity rates, optional raw
 * totals, and a machine-wide aggregate. Shared by the network and disk-I/O collectors on every OS.
 *
 * The aggregate is only emitted when every entity that counts toward it has a rate this tick:
 * summing a partial set (one interface just re-primed) would show a dip that never happened.
 *
 * @example
 * pairRates(rates, 2000, [{ entity: 'eth0', a: 3000, b: 500, aggregate: true }], NET_KEYS)
 * // { 'net.rx[eth0]': ..., 'net.tx[eth0]': ..., 'net.rx_total[eth0]': 3000, ..., 'net.rx': ..., 'net.tx': ... }
 */
import { seriesKey, type MetricName } from '../../../shared/metrics.js';
import type { CounterRates } from './counter-rates.js';
import type { Values } from './types.js';

export interface PairCounters {
  readonly entity: string;
  /** Cumulative "in" counter in bytes (received / read). */
  readonly a: number;
  /** Cumulative "out" counter in bytes (sent / written). */
  readonly b: number;
  /** Whether this entity is summed into the machine-wide aggregate. */
  readonly aggregate: boolean;
}

export interface PairKeys {
  readonly a: MetricName;
  readonly b: MetricName;
  readonly aTotal?: MetricName;
  readonly bTotal?: MetricName;
}

export const NET_KEYS: PairKeys = { a: 'net.rx', b: 'net.tx', aTotal: 'net.rx_total', bTotal: 'net.tx_total' };
/** Where the rates of virtual interfaces are summed (interface-kind.ts). */
export const VIRTUAL_NET_KEYS = { a: 'net.rx_virtual', b: 'net.tx_virtual' } as const satisfies PairKeys;
export const DISK_KEYS: PairKeys = { a: 'disk.read', b: 'disk.write' };

export function pairRates(
  rates: CounterRates,
  monoMs: number,
  entries: readonly PairCounters[],
  keys: PairKeys,
): Values {
  const values: Values = {};
  let sumA = 0;
  let sumB = 0;
  let counted = 0;
  let complete = true;
  for (const { entity, a, b, aggregate } of entries) {
    const rateA = rates.update(seriesKey(keys.a, entity), a, monoMs);
    const rateB = rates.update(seriesKey(keys.b, entity), b, monoMs);
    if (rateA !== undefined) values[seriesKey(keys.a, entity)] = rateA;
    if (rateB !== undefined) values[seriesKey(keys.b, entity)] = rateB;
    if (keys.aTotal && Number.isFinite(a)) values[seriesKey(keys.aTotal, entity)] = a;
    if (keys.bTotal && Number.isFinite(b)) values[seriesKey(keys.bTotal, entity)] = b;
    if (!aggregate) continue;
    counted += 1;
    if (rateA === undefined || rateB === undefined) complete = false;
    else {
      sumA += rateA;
      sumB += rateB;
    }
  }
  if (counted > 0 && complete) {
    values[keys.a] = sumA;
    values[keys.b] = sumB;
  }
  return values;
}

/** Counters of many entities as columns: names and the two counters, position by position. */
export interface CounterColumns {
  /** Replaced, never changed in place, when the entities change: the same array means the same list. */
  names: readonly string[];
  a: number[];
  b: number[];
}

export function emptyColumns(): CounterColumns {
  return { names: [], a: [], b: [] };
}

/**
 * The summed rates of entities that are not recorded one by one (virtual interfaces): per tick,
 * each entity's counters are compared with its previous reading, and only the sum of the
 * differences is kept. An entity that just appeared counts from its second reading, one whose
 * counters went backwards (re-created) is skipped for that tick, and one that is gone is forgotten
 * at once, so a day of pods coming and going leaves nothing behind. With no entity rated this
 * tick there is no value. Readings are kept as columns and compared by position while the list
 * of entities stays the same (it mostly does): no allocation per entity per tick.
 *
 * @example
 * const sum = new CounterSum(VIRTUAL_NET_KEYS);
 * sum.update({ names: ['cali0'], a: [1000], b: [500] }, 0);    // {}
 * sum.update({ names: ['cali0'], a: [3000], b: [700] }, 2000); // { 'net.rx_virtual': 1000, 'net.tx_virtual': 100 }
 */
export class CounterSum {
  private last = emptyColumns();
  private lastMs = Number.NaN;

  constructor(private readonly keys: Pick<PairKeys, 'a' | 'b'>) {}

  /** Sums the rates of `now` against the previous reading; keeps its names (not copied) and a copy of its counters. */
  update(now: CounterColumns, monoMs: number): Values {
    const last = this.last;
    const elapsed = monoMs - this.lastMs;
    const placeOf = sameList(now.names, last.names) ? null : new Map(last.names.map((name, i) => [name, i]));
    let sumA = 0;
    let sumB = 0;
    let rated = 0;
    for (let i = 0; i < now.names.length && elapsed > 0; i++) {
      const j = placeOf ? placeOf.get(now.names[i]!) : i;
      if (j === undefined) continue;
      const da = now.a[i]! - last.a[j]!;
      const db = now.b[i]! - last.b[j]!;
      if (da < 0 || db < 0) continue;
      sumA += da;
      sumB += db;
      rated++;
    }
    if (placeOf) last.names = now.names;
    copyInto(last.a, now.a, now.names.length);
    copyInto(last.b, now.b, now.names.length);
    this.lastMs = monoMs;
    return rated > 0 ? { [this.keys.a]: (sumA * 1000) / elapsed, [this.keys.b]: (sumB * 1000) / elapsed } : {};
  }

  /** Forgets every reading (after a gap): the next update only primes. */
  reset(): void {
    this.last = emptyColumns();
    this.lastMs = Number.NaN;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((name, i) => name === b[i]));
}

function copyInto(target: number[], source: readonly number[], length: number): void {
  target.length = length;
  for (let i = 0; i < length; i++) target[i] = source[i]!;
}
