import { describe, expect, it } from 'vitest';
import { CounterRates } from './counter-rates.js';
import { CounterSum, DISK_KEYS, NET_KEYS, VIRTUAL_NET_KEYS, pairRates } from './pair-rates.js';

describe('pairRates', () => {
  it('emits raw totals at once, rates and aggregate from the second reading, aggregate over included entities only', () => {
    const rates = new CounterRates();
    const first = pairRates(
      rates,
      0,
      [
        { entity: 'eth0', a: 100, b: 10, aggregate: true },
        { entity: 'docker0', a: 0, b: 0, aggregate: false },
      ],
      NET_KEYS,
    );
    expect(first).toEqual({
      'net.rx_total[eth0]': 100,
      'net.tx_total[eth0]': 10,
      'net.rx_total[docker0]': 0,
      'net.tx_total[docker0]': 0,
    });
    const second = pairRates(
      rates,
      1000,
      [
        { entity: 'eth0', a: 300, b: 30, aggregate: true },
        { entity: 'docker0', a: 1000, b: 1000, aggregate: false },
      ],
      NET_KEYS,
    );
    expect(second).toMatchObject({
      'net.rx[eth0]': 200,
      'net.tx[eth0]': 20,
      'net.rx[docker0]': 1000,
      'net.rx': 200,
      'net.tx': 20,
    });
  });

  it('leaves the aggregate out while any included entity has no rate, and out entirely with none included', () => {
    const rates = new CounterRates();
    pairRates(rates, 0, [{ entity: 'sda', a: 0, b: 0, aggregate: true }], DISK_KEYS);
    const withNewDisk = pairRates(
      rates,
      1000,
      [
        { entity: 'sda', a: 512, b: 0, aggregate: true },
        { entity: 'sdb', a: 0, b: 0, aggregate: true },
      ],
      DISK_KEYS,
    );
    expect(withNewDisk).toEqual({ 'disk.read[sda]': 512, 'disk.write[sda]': 0 });
    expect(pairRates(new CounterRates(), 0, [], DISK_KEYS)).toEqual({});
  });
});

describe('CounterSum', () => {
  it('sums the rates of entities seen in both readings, by place or by name, and forgets the gone', () => {
    const sum = new CounterSum(VIRTUAL_NET_KEYS);
    expect(sum.update({ names: ['a', 'b'], a: [1000, 10], b: [100, 10] }, 0)).toEqual({});
    // Same list: 2,000 + 20 received, 200 + 20 sent in 2 s.
    expect(sum.update({ names: ['a', 'b'], a: [3000, 30], b: [300, 30] }, 2000)).toEqual({
      'net.rx_virtual': 1010,
      'net.tx_virtual': 110,
    });
    // b is gone, c is new (primes), a was re-created (counters went back): nothing rated.
    expect(sum.update({ names: ['c', 'a'], a: [5, 1], b: [5, 1] }, 3000)).toEqual({});
    // c and a are found by name in the previous reading.
    expect(sum.update({ names: ['a', 'c'], a: [1001, 15], b: [2, 6] }, 4000)).toEqual({
      'net.rx_virtual': 1010,
      'net.tx_virtual': 2,
    });
    sum.reset();
    expect(sum.update({ names: ['a', 'c'], a: [2000, 20], b: [3, 7] }, 5000)).toEqual({});
  });
});
