import { describe, expect, it } from 'vitest';
import { CounterRates } from './counter-rates.js';
import { DISK_KEYS, NET_KEYS, pairRates } from './pair-rates.js';

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
