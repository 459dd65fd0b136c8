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

/**
 * The summed rates of entities that are not recorded one by one (virtual interfaces): each
 * entity's rate as usual, but only the sum is returned. An entity that just appeared counts from
 * its second reading; with no entity rated this tick there is no value.
 *
 * @example
 * sumRates(rates, 2000, [{ entity: 'cali0', a: 3000, b: 500 }], VIRTUAL_NET_KEYS) // { 'net.rx_virtual': …, 'net.tx_virtual': … }
 */
export function sumRates(
  rates: CounterRates,
  monoMs: number,
  entries: readonly Omit<PairCounters, 'aggregate'>[],
  keys: Pick<PairKeys, 'a' | 'b'>,
): Values {
  let sumA = 0;
  let sumB = 0;
  let rated = 0;
  for (const { entity, a, b } of entries) {
    const rateA = rates.update(seriesKey(keys.a, entity), a, monoMs);
    const rateB = rates.update(seriesKey(keys.b, entity), b, monoMs);
    if (rateA === undefined || rateB === undefined) continue;
    sumA += rateA;
    sumB += rateB;
    rated++;
  }
  return rated > 0 ? { [keys.a]: sumA, [keys.b]: sumB } : {};
}
