/**
 * Network rates on Linux from /proc/net/dev: per physical and logical interface net.rx/tx[iface]
 * in bytes/s and the raw counters net.rx_total/tx_total[iface]; machine-wide net.rx/net.tx over
 * physical interfaces; and the summed rates of every virtual interface (containers, bridges, CNI,
 * overlays) as net.rx_virtual/net.tx_virtual. What an interface is comes from sysfs
 * (interface-facts.ts, interface-kind.ts). No child process.
 *
 * @example
 * const net = new LinuxNetworkCollector();
 * await net.collect(0);    // raw totals only (rates primed)
 * await net.collect(1000); // { 'net.rx[eth0]': 2048, ..., 'net.rx': 2048, 'net.tx': 512, 'net.rx_virtual': 90, … }
 */
import { join } from 'node:path';
import { CounterRates } from '../counter-rates.js';
import { interfaceKind, isRecordedInterface } from '../interface-kind.js';
import { NET_KEYS, VIRTUAL_NET_KEYS, pairRates, sumRates } from '../pair-rates.js';
import type { Collector, Values } from '../types.js';
import type { LinuxCollectorOptions } from './cpu-linux.js';
import { InterfaceFactsReader } from './interface-facts.js';
import { parseNetDev } from './parse-net-dev.js';
import { ProcFile } from './read-proc.js';

export interface LinuxNetworkOptions extends LinuxCollectorOptions {
  /** Where sysfs is mounted; tests point this at a fixture folder. */
  readonly sysRoot?: string;
}

export class LinuxNetworkCollector implements Collector {
  readonly name = 'network';
  readonly cadence = 'hot';
  private readonly file: ProcFile;
  private readonly rates = new CounterRates();
  private readonly virtualRates = new CounterRates();
  readonly facts: InterfaceFactsReader;

  constructor(options: LinuxNetworkOptions = {}) {
    this.file = new ProcFile(join(options.procRoot ?? '/proc', 'net/dev'));
    this.facts = new InterfaceFactsReader(options.sysRoot ?? '/sys');
  }

  async collect(monoMs: number): Promise<Values> {
    const text = await this.file.readText();
    if (text === undefined) return {};
    const counters = parseNetDev(text);
    const facts = await this.facts.read(counters.map((c) => c.iface));
    const context = { hasPhysical: [...facts.values()].some((f) => f?.device === true) };
    const recorded = [];
    const virtual = [];
    for (const { iface, rxBytes, txBytes } of counters) {
      const kind = interfaceKind(iface, facts.get(iface) ?? null, context);
      if (isRecordedInterface(kind))
        recorded.push({ entity: iface, a: rxBytes, b: txBytes, aggregate: kind === 'physical' });
      else if (kind === 'virtual') virtual.push({ entity: iface, a: rxBytes, b: txBytes });
    }
    return {
      ...pairRates(this.rates, monoMs, recorded, NET_KEYS),
      ...sumRates(this.virtualRates, monoMs, virtual, VIRTUAL_NET_KEYS),
    };
  }

  close(): Promise<void> {
    return this.file.close();
  }

  reset(): void {
    this.rates.reset();
    this.virtualRates.reset();
  }
}
